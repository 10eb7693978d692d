package io.meshdojo.workshop;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The workshop pages' strings, used in templates as {@code {wmsg:key}}. English is written here;
 * Chinese is in {@code messages/wmsg_zh.properties}, kept complete by WorkshopMessagesTest. A
 * bundle of its own: with these strings added, the code Quarkus 3.33 generates for AppMessages
 * failed verification at start (VerifyError in AppMessages_Bundle_resolve_0).
 */
@MessageBundle(value = "wmsg", locale = "en")
public interface WorkshopMessages {

  @Message("Join a workshop")
  String join_title();

  @Message("Type the code your instructor gives you. Case, spaces and hyphens do not matter.")
  String join_lead();

  @Message("Workshop code")
  String join_code();

  @Message("Join")
  String join_submit();

  @Message("Sign in first; you will come back here to join.")
  String join_signin();

  @Message("Could not join:")
  String join_error();

  @Message("Workshop")
  String ws_title_label();

  @Message("{starts} to {ends}")
  String ws_when(String starts, String ends);

  @Message("Not started yet")
  String ws_status_scheduled();

  @Message("Running")
  String ws_status_running();

  @Message("Over")
  String ws_status_ended();

  @Message("Labs, in order")
  String ws_labs();

  @Message("Open the lab")
  String ws_open_lab();

  @Message("Not started")
  String ws_cell_not_started();

  @Message("Working")
  String ws_cell_working();

  @Message("Passed")
  String ws_cell_passed();

  @Message("Announcements")
  String ws_announcements();

  @Message("No announcements yet.")
  String ws_no_announcements();

  @Message("Dismiss")
  String ws_dismiss();

  @Message("From {author}")
  String ws_announcement_from(String author);

  @Message("For instructors")
  String ws_instructor_tools();

  @Message("Join code: {code}")
  String ws_code(String code);

  @Message("Learners join at {link}")
  String ws_join_link(String link);

  @Message("{count} of {capacity} places taken")
  String ws_enrolled(int count, int capacity);

  @Message("Open the live board")
  String ws_open_board();

  @Message("Results (CSV)")
  String ws_results_csv();

  @Message("Results (JSON)")
  String ws_results_json();

  @Message("End the workshop…")
  String ws_end();

  @Message("End the workshop now?")
  String ws_end_confirm_title();

  @Message("Every learner's sandbox of this workshop ends at once. Results stay available.")
  String ws_end_confirm_text();

  @Message("End it")
  String ws_end_confirm_yes();

  @Message("Keep it running")
  String ws_end_confirm_no();

  @Message("Audit list")
  String ws_audit();

  @Message("Nothing recorded yet.")
  String ws_audit_none();

  @Message("When")
  String ws_col_when();

  @Message("Who")
  String ws_col_who();

  @Message("Action")
  String ws_col_action();

  @Message("Learner")
  String ws_col_learner();

  @Message("Detail")
  String ws_col_detail();

  @Message("My workshops")
  String ws_list_title();

  @Message("You run no workshop yet. Create one with POST /api/workshops (see the API docs).")
  String ws_list_none();

  @Message("Live board: {title}")
  String board_title(String title);

  @Message("Each cell is one learner in one lab. It updates by itself as learners work.")
  String board_lead();

  @Message("{passed} of {total} passed")
  String board_passed_count(String passed, String total);

  @Message("Learner")
  String board_learner();

  @Message("Sort by")
  String board_sort();

  @Message("Name")
  String board_sort_name();

  @Message("Labs passed")
  String board_sort_progress();

  @Message("Stuck first")
  String board_sort_stuck();

  @Message("Last activity")
  String board_sort_activity();

  @Message("Find a learner")
  String board_filter();

  @Message("Only stuck learners")
  String board_stuck_only();

  @Message("Stuck")
  String board_stuck();

  @Message("no objective passed for {minutes} min")
  String board_stuck_no_progress(String minutes);

  @Message("{objective} failed {count} checks in a row")
  String board_stuck_failing(String objective, String count);

  @Message("{score}/{max} points, {checks} checks")
  String board_score(String score, String max, String checks);

  @Message("{count} hints")
  String board_hints(String count);

  @Message("solution seen")
  String board_solution();

  @Message("Live")
  String board_live();

  @Message("Reconnecting…")
  String board_offline();

  @Message("Message to every learner")
  String board_announce();

  @Message("Send")
  String board_announce_send();

  @Message("Sent.")
  String board_sent();

  @Message("Help {learner} with {lab}")
  String board_actions(String learner, String lab);

  @Message("View sandbox objects")
  String board_view_objects();

  @Message("View last check")
  String board_view_check();

  @Message("Reset sandbox")
  String board_reset();

  @Message("Extend sandbox")
  String board_extend();

  @Message("End sandbox")
  String board_end_sandbox();

  @Message("Reveal next hint")
  String board_reveal_hint();

  @Message("Done.")
  String board_done();

  @Message("Not done:")
  String board_failed();

  @Message("Close")
  String board_close();

  @Message("Nobody has joined yet.")
  String board_no_learners();

  @Message("Warm pool")
  String board_warm();

  @Message("Not needed: sandboxes on this service start instantly (they are simulated in it).")
  String board_warm_not_needed();

  @Message("From {from}, {percent}% of the capacity will be kept ready as sandbox clusters.")
  String board_warm_scheduled(String from, String percent);

  @Message("{ready} of {wanted} ready, {starting} being created.")
  String board_warm_reserving(String ready, String wanted, String starting);

  @Message("This host runs at most {limit} clusters for everyone.")
  String board_warm_limit(String limit);

  @Message("Released: the workshop is over and the unused clusters were removed.")
  String board_warm_released();
}
