// A citizen's report, opened from the signed link in their mail or on the page after sending: its progress, the
// partner's note on closing, and (from the resolution mail) "is it fixed?". No account; user text only as text.
import { apiGet, asApiError } from '/js/api.js';
import { applyTranslations, currentLocale, mountLanguageSwitch, suggestLanguage, t } from '/js/i18n.js';
import { statusLink, statusPath } from '/report/report-core.js';
import { mountFeedbackForm } from './feedback-form.js';

applyTranslations(document);
mountLanguageSwitch(document.querySelector('.language-switch'));
mountReportStatus(document.querySelector('.report-status'));

/** @param {HTMLElement | null} element the main.report-status */
async function mountReportStatus(element) {
  if (!element) {
    return;
  }

  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (element.querySelector(selector));
  const link = statusLink(location.search);
  /** @type {any} */
  let report = null;
  const feedback = mountFeedbackForm(/** @type {HTMLFormElement} */ (part('.report-feedback')), link, (answered) => {
    report = answered;
    render();
    const message = part('.report-status-answered');
    message.textContent = t(answered.feedback === 'fixed' ? 'reportStatus.feedback.thanksFixed' : 'reportStatus.feedback.thanksNotFixed');
    message.tabIndex = -1;
    message.focus();
  });
  document.addEventListener('languagechange', render);

  if (!link) {
    fail(t('reportStatus.badLink'));
    return;
  }

  // The page speaks the language of the mail that carried the link (?lang=).
  const language = new URLSearchParams(location.search).get('lang');
  if (language === 'nl' || language === 'fr' || language === 'en') {
    await suggestLanguage(language);
  }

  try {
    report = await apiGet(statusPath(link));
  } catch (error) {
    const problem = asApiError(error);
    fail(problem.status === 403 ? t('reportStatus.badLink') : problem.title);
    return;
  }

  render();

  function render() {
    if (!report) {
      return;
    }

    part('.report-status-loading').hidden = true;
    part('.report-status-view').hidden = false;
    part('.report-status-title').textContent = t('reportStatus.heading', { reference: report.reference });
    const day = (/** @type {string} */ value) => new Date(value.length === 10 ? `${value}T12:00:00` : value)
      .toLocaleDateString(currentLocale(), { day: 'numeric', month: 'long', year: 'numeric' });
    const facts = [
      ['reportStatus.fact.status', t(`report.status.${report.status}`)],
      ['reportStatus.fact.category', report.categoryLabel],
      ['reportStatus.fact.submitted', day(report.submittedAt)],
      ['reportStatus.fact.answerBy', day(report.expectedAnswerBy)],
      ...(report.handledBy ? [['reportStatus.fact.handledBy', report.handledBy]] : []),
      ...(report.publicNote ? [['reportStatus.fact.note', report.publicNote]] : []),
      ...(report.feedback ? [['reportStatus.fact.feedback', t(`reportStatus.answer.${report.feedback}`)]] : []),
    ];
    part('.report-status-facts').replaceChildren(...facts.flatMap(([key, value]) => {
      const term = document.createElement('dt');
      term.textContent = t(key);
      const detail = document.createElement('dd');
      detail.textContent = value;
      return [term, detail];
    }));
    part('.report-status-description').textContent = report.description ?? '';
    feedback.show(Boolean(link?.feedback) && report.feedbackOpen);
  }

  /** @param {string} message */
  function fail(message) {
    part('.report-status-loading').hidden = true;
    part('.report-status-failed').hidden = false;
    part('.report-status-failed-message').textContent = message;
  }
}
