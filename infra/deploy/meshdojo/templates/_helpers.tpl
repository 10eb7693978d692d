{{/* Names and labels shared by every object of the release. */}}

{{- define "meshdojo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The labels that pick this release's pods: Deployment, Service, PDB and NetworkPolicy use the same. */}}
{{- define "meshdojo.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "meshdojo.labels" -}}
{{ include "meshdojo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The Secret holding the session key and the passwords: the operator's own, or the chart's. */}}
{{- define "meshdojo.secretName" -}}
{{- default (include "meshdojo.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}
