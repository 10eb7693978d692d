package io.meshdojo.graph;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The mesh graph's strings, used in templates as {@code {gmsg:key}}. English is written here;
 * Chinese is in {@code messages/gmsg_zh.properties}, kept complete by MessageBundlesTest.
 */
@MessageBundle(value = "gmsg", locale = "en")
public interface GraphMessages {

  @Message("Graph")
  String graph_tab();

  @Message("Mesh graph")
  String graph_title();

  @Message(
      "Who called whom in this sandbox: workloads (round) and services (square), with requests per"
          + " second, the share of errors and a lock where Istio mTLS carried every request. It"
          + " shows the requests you sent from pods (kubectl exec … curl) as the simulated data"
          + " plane answered them, not traffic of a real cluster. It refreshes every few seconds.")
  String graph_intro();

  @Message("Requests of the last MINUTES minutes, updated at TIME.")
  String graph_window();

  @Message(
      "No requests yet. Send some from a pod, for example: kubectl exec -n bookinfo"
          + " deploy/productpage-v1 -- curl -s http://reviews:9080/reviews/0")
  String graph_empty();

  @Message("The same requests as a table")
  String graph_table_caption();

  @Message("From")
  String graph_from();

  @Message("To")
  String graph_to();

  @Message("Requests")
  String graph_requests();

  @Message("Requests per second")
  String graph_rate();

  @Message("Errors")
  String graph_errors();

  @Message("mTLS")
  String graph_mtls();

  @Message("all")
  String graph_mtls_all();

  @Message("none")
  String graph_mtls_none();

  @Message("partly")
  String graph_mtls_partly();

  @Message("service")
  String graph_service();

  @Message("Mesh graph: NODES nodes and EDGES edges; the table below lists every edge.")
  String graph_summary();

  @Message("RATE req/s")
  String graph_edge_rate();

  @Message("SHARE errors")
  String graph_edge_errors();
}
