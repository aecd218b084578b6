// "Is it fixed?": yes, or no with a reason and an optional comment. Shown only with the feedback link of the
// resolution mail while the answer is open. Action up: onAnswered(the report as it is after the answer).
import { apiPost, clearProblem, showProblem } from '/js/api.js';
import { feedbackPath } from '/report/report-core.js';

/**
 * @param {HTMLFormElement} form the form.report-feedback
 * @param {{ reference: string, feedback: string | null } | null} link
 * @param {(report: any) => void} onAnswered
 */
export function mountFeedbackForm(form, link, onAnswered) {
  const reason = /** @type {HTMLElement} */ (form.querySelector('#feedback-reason')?.closest('.field'));
  const comment = /** @type {HTMLElement} */ (form.querySelector('#feedback-comment')?.closest('.field'));
  const notFixed = () => /** @type {HTMLInputElement} */ (form.querySelector('input[name="fixed"][value="false"]')).checked;
  const update = () => {
    reason.hidden = !notFixed();
    comment.hidden = !notFixed();
  };

  form.addEventListener('change', update);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const data = new FormData(form);
    const fixed = data.get('fixed');
    const body = fixed === 'false'
      ? { fixed: false, reason: data.get('reason'), comment: String(data.get('comment') ?? '').trim() || undefined }
      : { fixed: fixed === 'true' ? true : undefined };
    try {
      const report = await apiPost(feedbackPath(link?.reference ?? '', link?.feedback ?? ''), body);
      form.hidden = true;
      onAnswered(report);
    } catch (error) {
      showProblem(form, error);
    }
  });
  update();

  return {
    /** @param {boolean} visible */
    show(visible) {
      form.hidden = !visible;
    },
  };
}
