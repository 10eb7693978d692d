package io.meshdojo.exam;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The exam pages' strings, used in templates as {@code {xmsg:key}}. English is written here;
 * Chinese is in {@code messages/xmsg_zh.properties}. A bundle of its own, as the workshops' is: the
 * code Quarkus 3.33 generates for one bundle this large fails verification at start.
 */
@MessageBundle(value = "xmsg", locale = "en")
public interface ExamMessages {

  @Message("Mock exams")
  String exams_title();

  @Message(
      "Practical exams on the server's clock: tasks drawn fresh for every attempt, graded from your sandbox when you hand in or the time is up.")
  String exams_lead();

  @Message("{minutes} minutes · {tasks} tasks · pass mark {passingScore} %")
  String exams_facts(long minutes, int tasks, int passingScore);

  @Message("Start an attempt")
  String exams_start();

  @Message("Sign in to take this exam")
  String exams_signin();

  @Message("My attempts")
  String exams_my_attempts();

  @Message("Exam")
  String exams_col_exam();

  @Message("Started")
  String exams_col_started();

  @Message("Status")
  String exams_col_status();

  @Message("Score")
  String exams_col_score();

  @Message("Passed")
  String exams_passed();

  @Message("Not passed")
  String exams_not_passed();

  @Message("No attempts yet.")
  String exams_no_attempts();

  @Message("Time left: {time}")
  String exam_time_left(String time);

  @Message("{minutes} minutes left.")
  String exam_warning(String minutes);

  @Message("Time is up: your attempt is being graded.")
  String exam_time_up();

  @Message("Saved.")
  String exam_notes_saved();

  @Message("The clock starts when your sandbox is ready.")
  String exam_waiting();

  @Message("Submit the exam")
  String exam_submit();

  @Message("Submit now?")
  String exam_submit_confirm_title();

  @Message(
      "Every task is graded once from your sandbox as it is now; you cannot change anything afterwards, and the notepad is wiped.")
  String exam_submit_confirm_text();

  @Message("Submit")
  String exam_submit_confirm_yes();

  @Message("Keep working")
  String exam_submit_confirm_no();

  @Message("Tasks")
  String exam_jump();

  @Message("flagged")
  String exam_flagged();

  @Message("Task")
  String exam_tasks();

  @Message("Task {number} of {total}: {title}")
  String exam_task_heading(int number, int total, String title);

  @Message("{points} points · {domain} · about {minutes} min")
  String exam_task_facts(int points, String domain, int minutes);

  @Message("Documentation")
  String exam_docs();

  @Message("Previous")
  String exam_previous();

  @Message("Flag for review")
  String exam_flag();

  @Message("Next")
  String exam_next();

  @Message("Notepad (wiped when the attempt ends)")
  String exam_notes();

  @Message("Score {score} % (pass mark {passingScore} %)")
  String exam_result_score(double score, int passingScore);

  @Message("{percent} % of all points")
  String exam_result_points(double percent);

  @Message("ended when the time was up")
  String exam_ended_by_time();

  @Message("submitted by you")
  String exam_ended_by_candidate();

  @Message("By domain")
  String exam_result_domains();

  @Message("By task")
  String exam_result_tasks();

  @Message("Task")
  String exam_col_task();

  @Message("Domain")
  String exam_col_domain();

  @Message("Points")
  String exam_col_points();

  @Message("Verdict")
  String exam_col_verdict();

  @Message("Time open / target")
  String exam_col_time();

  @Message("correct")
  String exam_verdict_correct();

  @Message("partly correct")
  String exam_verdict_partial();

  @Message("not met")
  String exam_verdict_failed();

  @Message("{seconds} s / {target} min")
  String exam_time_open(long seconds, int target);

  @Message("Review")
  String exam_review();

  @Message("Reference solution for your parameters")
  String exam_reference_solution();

  @Message("Proctor")
  String proctor_link();

  @Message("Proctoring: {exam}")
  String proctor_title(String exam);

  @Message(
      "Every attempt at this exam, newest first. Status and time left come from the server's clock and refresh every few seconds.")
  String proctor_lead();

  @Message("Download all attempts as CSV")
  String proctor_csv();

  @Message("Candidate")
  String proctor_col_candidate();

  @Message("Time left")
  String proctor_col_remaining();

  @Message("Result")
  String proctor_col_result();

  @Message("Open the result")
  String proctor_open_result();

  @Message("No one has attempted this exam yet.")
  String proctor_none();

  @Message("Live: refreshed every 5 seconds.")
  String proctor_live();

  @Message("The service cannot be reached; the list shows the last known state and tries again.")
  String proctor_offline();

  @Message("Preparing the sandbox")
  String exam_status_provisioning();

  @Message("In progress")
  String exam_status_in_progress();

  @Message("Being graded")
  String exam_status_grading();

  @Message("Graded")
  String exam_status_graded();
}
