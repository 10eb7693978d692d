package io.meshdojo.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every UI string. English is written here; Chinese is in {@code messages/msg_zh.properties}, and a
 * test keeps the two key sets equal. Templates use them as {@code {msg:key}}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface AppMessages {

  @Message("Mesh Dojo")
  String site_name();

  @Message(
      "Learn Istio by doing: bilingual lessons, your own sandbox, and a grader that checks what the mesh would really do.")
  String site_tagline();

  @Message("Skip to content")
  String nav_skip();

  @Message("Main navigation")
  String nav_label();

  @Message("You are here")
  String nav_breadcrumb();

  @Message("Home")
  String nav_home();

  @Message("Lessons")
  String nav_lessons();

  @Message("Labs")
  String nav_labs();

  @Message("Sign in")
  String nav_signin();

  @Message("Sign up")
  String nav_signup();

  @Message("Sign out")
  String nav_signout();

  @Message("Signed in as {name}")
  String nav_signed_in(String name);

  @Message("中文")
  String nav_other_language();

  @Message("切换到中文")
  String nav_other_language_label();

  @Message("Learn Istio the way you will use it")
  String home_title();

  @Message(
      "Read a short lesson, change a real mesh configuration in your own sandbox, and let the grader tell you what your traffic would actually do, in English or Chinese.")
  String home_lead();

  @Message("Start with the lessons")
  String home_cta_lessons();

  @Message("Browse the labs")
  String home_cta_labs();

  @Message("Bilingual lessons")
  String home_pillar_lessons_title();

  @Message(
      "Traffic management, security, observability, performance, and the Slime and Aeraki ecosystem, written for the Istio version they name.")
  String home_pillar_lessons_text();

  @Message("A sandbox per learner")
  String home_pillar_sandbox_title();

  @Message(
      "Every lab runs in a cluster of your own that your kubectl talks to: instant by default, or a real kind cluster with Istio, Slime and Aeraki.")
  String home_pillar_sandbox_text();

  @Message("A grader that judges behaviour")
  String home_pillar_grader_title();

  @Message(
      "Equivalent answers pass and subtly wrong ones fail, with an explanation of where your requests would really go.")
  String home_pillar_grader_text();

  @Message("Tracks")
  String home_tracks_heading();

  @Message("{count} {#if count == 1}lesson{#else}lessons{/if}")
  String track_lesson_count(int count);

  @Message("Lessons")
  String lessons_title();

  @Message(
      "Eight tracks, from why a mesh exists to reading Envoy's response flags. Each lesson links the labs that practise it.")
  String lessons_lead();

  @Message("{read} of {total} read")
  String lessons_progress(int read, int total);

  @Message("Written for Istio {version}")
  String lesson_istio(String version);

  @Message("This lesson is not available in English yet; it is shown in Chinese.")
  String lesson_fallback_notice();

  @Message("On this page")
  String lesson_contents();

  @Message("Mark as read")
  String lesson_mark_read();

  @Message("Mark as not read")
  String lesson_mark_unread();

  @Message("You have read this lesson.")
  String lesson_is_read();

  @Message("Sign in to keep track of what you have read.")
  String lesson_signin_hint();

  @Message("Previous")
  String lesson_previous();

  @Message("Next")
  String lesson_next();

  @Message("Labs")
  String labs_title();

  @Message(
      "Hands-on exercises graded by behaviour. Each states its goal precisely; the grader checks what your configuration would make the mesh do.")
  String labs_lead();

  @Message("Environment")
  String lab_environment();

  @Message("Time")
  String lab_duration();

  @Message("{minutes} min")
  String lab_minutes(int minutes);

  @Message("Difficulty")
  String lab_difficulty();

  @Message("beginner")
  String lab_difficulty_beginner();

  @Message("intermediate")
  String lab_difficulty_intermediate();

  @Message("advanced")
  String lab_difficulty_advanced();

  @Message("Lessons")
  String lab_lessons();

  @Message("Instructions")
  String lab_instructions();

  @Message("My progress")
  String me_title();

  @Message(
      "What you have read, track by track, where you stand in each lab, the help you took, and every check of your work.")
  String me_lead();

  @Message("Lessons you have started")
  String me_lessons_in_progress();

  @Message("Labs")
  String me_labs();

  @Message("Lab")
  String me_col_lab();

  @Message("Status")
  String me_col_status();

  @Message("Hints used")
  String me_col_hints();

  @Message("Reference solution")
  String me_col_solution();

  @Message("{used} of {total}")
  String me_hints_used(int used, int total);

  @Message("Revealed {when}")
  String me_solution_revealed(String when);

  @Message("Not revealed")
  String me_solution_not_revealed();

  @Message("Check history")
  String me_checks();

  @Message("You have not checked your work in a lab yet.")
  String me_no_checks();

  @Message("Tracks")
  String me_tracks();

  @Message("Reading history")
  String me_history();

  @Message("You have not marked any lesson as read yet.")
  String me_no_history();

  @Message("My progress")
  String nav_me();

  @Message("Your sandbox")
  String lab_workspace();

  @Message("Sign in to start this lab in a sandbox of your own.")
  String lab_signin_to_start();

  @Message("Start the lab")
  String lab_start();

  @Message("Preparing your sandbox…")
  String lab_status_provisioning();

  @Message("Your sandbox is ready.")
  String lab_status_ready();

  @Message("The sandbox could not be prepared:")
  String lab_status_failed();

  @Message("This session is over. Start a new one to go on.")
  String lab_status_over();

  @Message("Waiting for a free cluster: number {position} in the queue.")
  String lab_queue_position(String position);

  @Message("Download kubeconfig")
  String lab_kubeconfig();

  @Message("Use it with your own kubectl: kubectl --kubeconfig {file} get pods -n bookinfo")
  String lab_kubeconfig_hint(String file);

  @Message("Check my work")
  String lab_check();

  @Message("Checking…")
  String lab_checking();

  @Message("Score: {score} of {max}")
  String lab_score(String score, String max);

  @Message("Every objective is met. Well done!")
  String lab_passed();

  @Message("Not every objective is met yet.")
  String lab_not_passed();

  @Message("What the grader noticed")
  String lab_findings();

  @Message("Reset")
  String lab_reset();

  @Message("End")
  String lab_end();

  @Message("Extend by an hour")
  String lab_extend();

  @Message("Time left: {minutes} min")
  String lab_time_left(String minutes);

  @Message("Something went wrong:")
  String lab_error();

  @Message("Terminal")
  String console_title();

  @Message("Sandbox terminal")
  String console_label();

  @Message(
      "Type a kubectl command and press Enter. Up and Down recall earlier commands, Ctrl+C cancels the line, Ctrl+L clears the screen. Tab leaves the terminal; in the toolbox shell, where Tab completes, press Escape first.")
  String console_instructions();

  @Message("Prefer your own kubectl? The kubeconfig download works with it, on your own machine.")
  String console_kubeconfig_note();

  @Message("The terminal connects once your sandbox is ready.")
  String console_status_waiting();

  @Message("Connecting to the sandbox…")
  String console_status_connecting();

  @Message("Connected: a kubectl console for this sandbox (no shell).")
  String console_status_restricted();

  @Message("Connected: a shell in the sandbox's toolbox pod.")
  String console_status_shell();

  @Message("Connection lost. Trying again in {seconds} s…")
  String console_status_retry(String seconds);

  @Message("The terminal is closed:")
  String console_status_closed();

  @Message("The sandbox is over; the terminal is closed.")
  String console_status_over();

  @Message("The editor did not answer, so apply -f - has nothing to read.")
  String console_no_editor();

  @Message(
      "Mesh Dojo console: kubectl (get, describe, apply -f -, delete, edit, label, scale, rollout, exec, logs…) and istioctl (analyze, proxy-config, proxy-status…) against this sandbox. Type help for more.")
  String console_welcome();

  @Message("Shell in the sandbox's toolbox pod: kubectl, istioctl and curl are installed.")
  String console_shell_welcome();

  @Message(
      "kubectl commands (the leading kubectl or k is optional; -n NS may go anywhere):\n  get TYPE[,TYPE] [NAME...] | TYPE/NAME... [-n NS | -A] [-l SELECTOR] [--show-labels] [-w]\n      [-o wide|yaml|json|name|jsonpath=TEMPLATE|custom-columns=SPEC]\n  describe TYPE [NAME...] [-n NS | -A] [-l SELECTOR]\n  apply -f - | create -f -      apply the editor's text\n  delete -f - | delete TYPE NAME... | TYPE/NAME\n  create namespace NAME | create deployment NAME --image=IMAGE [--replicas=N]\n  edit TYPE NAME                open the object in the editor\n  label|annotate TYPE NAME key=value... key- [--overwrite]\n  patch TYPE NAME -p PATCH [--type merge|json|strategic]\n  scale deploy/NAME --replicas=N\n  rollout restart|status deploy/NAME\n  exec POD|deploy/NAME [-c CONTAINER] -- COMMAND...\n  logs POD|deploy/NAME [-c CONTAINER] [--tail=N] [--since=5m] [-f]  (Ctrl+C stops -f)\n  explain TYPE[.field.path]     the fields of a kind\n  api-resources                 the types this sandbox serves\nistioctl commands (answered from the sandbox's mesh model):\n  istioctl analyze [-n NS | -A] [-o yaml|json]\n  istioctl proxy-status\n  istioctl proxy-config routes|clusters|listeners|endpoints POD[.NS]|deploy/NAME [-o json]\n  istioctl x describe pod POD\n  istioctl version\n  istioctl install [-f -] [--set PATH=VALUE...] [--revision REV] -y   simulated install\n  istioctl uninstall --revision REV -y | istioctl tag set|list|remove | istioctl x precheck\nhelm for Istio's charts (istio/base, istio/istiod, istio/gateway):\n  helm install|upgrade [--install] NAME CHART -n NS [--set k=v...] [-f -] | helm list -A | helm status|uninstall|rollback NAME\n  clear                         clear the screen (Ctrl+L)\nTypes go by plural, singular, short name or kind: pods, pod, po; virtualservices, vs; all.\nThis is not a shell: a command may be piped into grep, sort, uniq, head, tail, wc, cut or awk; redirects, ; and $(...) are refused. For everything else, use your own kubectl with the kubeconfig download.")
  String console_help();

  @Message(
      "This console is not a shell: {feature} is not supported. Run one kubectl command at a time (type help).")
  String console_refused_shell_feature(String feature);

  @Message("A quote ({quote}) is not closed.")
  String console_refused_quote(String quote);

  @Message(
      "kubectl {verb} is not offered in this console. Use your own kubectl with the kubeconfig download, or type help.")
  String console_refused_verb(String verb);

  @Message("This console reads no files ({file}): use -f - to take the editor's text.")
  String console_refused_file(String file);

  @Message("{word}: command not found. This console runs kubectl commands only (type help).")
  String console_refused_not_kubectl(String word);

  @Message("The line is longer than {max} characters.")
  String console_refused_too_long(String max);

  @Message("Type help for the commands this console knows.")
  String console_hint_help();

  @Message("The sandbox is {status}: commands run only while it is READY.")
  String console_not_ready(String status);

  @Message("[output cut at {kib} KiB]")
  String console_truncated(String kib);

  @Message("Too many messages at once: slow down a little.")
  String console_too_fast();

  @Message("The editor's text is larger than {kib} KiB.")
  String console_stdin_too_large(String kib);

  @Message("{object} is open in the Editor tab: change it there and press Apply to save it.")
  String console_edit_opened(String object);

  @Message(
      "kubectl {verb} -i/-t needs an interactive terminal, and this console sends whole lines: give the command after -- instead, e.g. kubectl exec deploy/ratings-v1 -- curl -s http://reviews:9080/reviews/0")
  String console_refused_interactive(String verb);

  @Message(
      "(-w: this terminal watches for {seconds} s and stops; your own kubectl -w with the kubeconfig download follows changes for as long as you like.)")
  String console_watch_ended(String seconds);

  @Message("Editor")
  String lab_tab_editor();

  @Message("Resources")
  String lab_tab_resources();

  @Message("Terminal")
  String lab_tab_console();

  @Message("Results")
  String lab_tab_results();

  @Message("No check yet. Press \"Check my work\" when you are ready.")
  String lab_no_result();

  @Message("YAML to apply to your sandbox")
  String editor_label();

  @Message(
      "Write or paste YAML; separate objects with a line of ---. Ctrl+Enter applies, Esc leaves"
          + " the editor.")
  String editor_help();

  @Message("# Write or paste YAML here; separate objects with a line of ---")
  String editor_starter();

  @Message("Apply")
  String editor_apply();

  @Message("Delete these objects")
  String editor_delete();

  @Message("Clear")
  String editor_clear();

  @Message("Working…")
  String editor_working();

  @Message("Line {line}")
  String editor_line(String line);

  @Message("Warning:")
  String editor_warning();

  @Message("Delete every object named in the editor from your sandbox?")
  String editor_confirm_delete();

  @Message("Refresh")
  String resources_refresh();

  @Message("Your sandbox holds no objects.")
  String resources_empty();

  @Message("View YAML")
  String resources_view();

  @Message("Delete")
  String resources_delete();

  @Message("Delete {name} from your sandbox?")
  String resources_confirm_delete(String name);

  @Message("Cluster-wide")
  String resources_cluster_scoped();

  @Message("{count} object")
  String resources_count_one(String count);

  @Message("{count} objects")
  String resources_count_other(String count);

  @Message("Open in the editor")
  String resources_open_in_editor();

  @Message("Done")
  String progress_done();

  @Message("In progress")
  String progress_in_progress();

  @Message("Not started")
  String progress_not_started();

  @Message("Your recent checks")
  String history_title();

  @Message("No checks of this lab yet. Each time you check your work, the result is listed here.")
  String history_empty();

  @Message("When")
  String history_col_when();

  @Message("Score")
  String history_col_score();

  @Message("Result")
  String history_col_result();

  @Message("{score} of {max}")
  String history_score(String score, String max);

  @Message("Passed")
  String history_passed();

  @Message("Not passed")
  String history_not_passed();

  @Message("after solution")
  String history_after_solution();

  @Message("{met} of {total} objectives met")
  String history_objectives(String met, String total);

  @Message("Hints")
  String hints_title();

  @Message("Show a hint ({number} of {total})")
  String hints_show(String number, String total);

  @Message("Hint {number}")
  String hints_hint(String number);

  @Message("You have seen every hint.")
  String hints_all_shown();

  @Message("This lab has no hints.")
  String hints_none();

  @Message("Sign in to get hints and the reference solution.")
  String hints_signin();

  @Message("Reference solution")
  String solution_title();

  @Message(
      "Try the hints first. Revealing the solution is recorded, and every later check of this lab is marked “after solution”.")
  String solution_warning();

  @Message("Reveal the solution…")
  String solution_reveal();

  @Message("Show the solution again")
  String solution_show_again();

  @Message("Reveal the reference solution?")
  String solution_confirm_title();

  @Message(
      "It will be recorded in your progress, and every later check of this lab will be marked “after solution”.")
  String solution_confirm_text();

  @Message("Yes, show it")
  String solution_confirm_yes();

  @Message("Not now")
  String solution_confirm_no();

  @Message("Copy")
  String solution_copy();

  @Message("Copy {file}")
  String solution_copy_label(String file);

  @Message("Copied")
  String solution_copied();

  @Message("Where the requests go")
  String traffic_title();

  @Message(
      "For each probe of a behaviour objective: the share of requests that reach each version, or fail, as the grader's model of your mesh computes it from this check.")
  String traffic_intro();

  @Message("Objective {id}")
  String traffic_objective(String id);

  @Message(
      "Bar chart of where the requests of objective {id} go for {probe}; the table below holds the same numbers.")
  String traffic_chart_label(String id, String probe);

  @Message("Share of requests per probe for objective {id}")
  String traffic_table_caption(String id);

  @Message("Probe")
  String traffic_probe();

  @Message("Source")
  String traffic_source();

  @Message("Share of requests")
  String traffic_axis();

  @Message("simulated")
  String traffic_simulated();

  @Message("expected")
  String traffic_expected();

  @Message("observed ({count} requests)")
  String traffic_observed(String count);

  @Message("Send real traffic")
  String traffic_send();

  @Message("Sending requests…")
  String traffic_sending();

  @Message(
      "Sends each probe 50 times in your cluster, from the probe's own source workload, and charts which version answered next to the simulation.")
  String traffic_send_hint();

  @Message("reached")
  String traffic_outcome_reached();

  @Message("denied")
  String traffic_outcome_denied();

  @Message("no matching route")
  String traffic_outcome_no_route();

  @Message("no healthy upstream")
  String traffic_outcome_no_upstream();

  @Message("connection reset")
  String traffic_outcome_reset();

  @Message("injected fault")
  String traffic_outcome_aborted();

  @Message("redirected")
  String traffic_outcome_redirected();

  @Message("direct response")
  String traffic_outcome_direct_response();

  @Message("unknown host")
  String traffic_outcome_unknown_host();

  @Message("TLS handshake failed")
  String traffic_outcome_handshake_failed();

  @Message("HTTP error")
  String traffic_outcome_failed();

  @Message("blocked (REGISTRY_ONLY)")
  String traffic_outcome_blocked();

  @Message("timed out (UT)")
  String traffic_outcome_timed_out();

  @Message("connection pool full (UO)")
  String traffic_outcome_overflow();

  @Message("upstream error")
  String traffic_outcome_upstream_error();

  @Message("not sent: Dubbo calls need a Dubbo client")
  String traffic_skipped_dubbo();

  @Message("not sent: this request enters through the ingress gateway")
  String traffic_skipped_gateway();

  @Message("not sent: the source workload has neither curl nor Python")
  String traffic_skipped_no_client();

  @Message("Sign in")
  String login_title();

  @Message("Username")
  String login_username();

  @Message("Password")
  String login_password();

  @Message("Sign in")
  String login_submit();

  @Message("That username and password do not match an account.")
  String login_error();

  @Message("No account yet?")
  String login_no_account();

  @Message("Create a learner account")
  String signup_title();

  @Message("Your progress and sandboxes are kept under this account.")
  String signup_lead();

  @Message("3 to 32 characters: letters, digits, dot, underscore or hyphen.")
  String signup_username_help();

  @Message("At least {min} characters, not containing your username.")
  String signup_password_help(int min);

  @Message("Create account")
  String signup_submit();

  @Message("Already have an account?")
  String signup_have_account();

  @Message("Sign-up is switched off on this server. Ask an administrator for an account.")
  String signup_disabled();

  @Message("This username is already taken.")
  String signup_error_taken();

  @Message("Please choose a username.")
  String signup_error_username_missing();

  @Message(
      "The username must be 3 to 32 characters: letters, digits, dot, underscore or hyphen, starting with a letter or digit.")
  String signup_error_username_format();

  @Message("The password is too short.")
  String signup_error_password_short();

  @Message("The password is too long.")
  String signup_error_password_long();

  @Message("The password must not contain your username.")
  String signup_error_password_contains_username();

  @Message("The password is too easy to guess: use more different characters.")
  String signup_error_password_simple();

  // ---- issue 10, security (sign-up and sign-in) ----

  @Message(
      "This is one of the most common passwords (adding digits or symbols around it does not help). Attackers try these first: choose one of your own.")
  String signup_error_password_common();

  @Message("Too many attempts from here. Please wait {minutes} min before trying again.")
  String throttled_text(String minutes);

  @Message("The message is larger than {kib} KiB, so nothing was run.")
  String console_message_too_large(String kib);

  @Message("Page not found")
  String error_not_found_title();

  @Message("There is nothing at this address. It may have moved, or the link may be mistyped.")
  String error_not_found_text();

  @Message("Something went wrong")
  String error_title();

  @Message("Back to the home page")
  String error_home();

  @Message("Mesh Dojo: learn Istio by doing.")
  String footer_text();

  @Message("REST API")
  String footer_api();

  // ---- the learner's rough edges (issue 10, items 18-22) ----

  @Message("{points} point")
  String lab_points_one(String points);

  @Message("{points} points")
  String lab_points_other(String points);

  @Message("Expected:")
  String lab_expected();

  @Message("Actual:")
  String lab_actual();

  @Message("Reset your sandbox?")
  String lab_reset_confirm_title();

  @Message(
      "Everything you applied is removed and the sandbox starts again from the lab's setup. Your"
          + " check history stays.")
  String lab_reset_confirm_text();

  @Message("Yes, reset it")
  String lab_reset_confirm_yes();

  @Message("Keep my work")
  String lab_reset_confirm_no();

  @Message("Accounts")
  String admin_title();

  @Message(
      "Find accounts, change what they may do, and disable those that should no longer sign in. The last admin cannot be demoted or disabled.")
  String admin_lead();

  @Message("Account name contains")
  String admin_search();

  @Message("Search")
  String admin_search_go();

  @Message("Account")
  String admin_col_account();

  @Message("Role")
  String admin_col_role();

  @Message("State")
  String admin_col_state();

  @Message("Action")
  String admin_col_action();

  @Message("Active")
  String admin_state_enabled();

  @Message("Disabled")
  String admin_state_disabled();

  @Message("Disable")
  String admin_disable();

  @Message("Enable")
  String admin_enable();

  @Message("(you)")
  String admin_you();

  @Message("No account matches.")
  String admin_none();

  @Message("Saved.")
  String admin_saved();

  @Message("Not changed:")
  String admin_error();

  @Message("Exams")
  String nav_exams();

  @Message("Exam attempts")
  String me_exams();
}
