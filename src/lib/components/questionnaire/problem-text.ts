/**
 * An answer's problem said in the page's language (messages q_error_*), for the online form in
 * the browser and for its plain form post on the server alike.
 */
import type { AnswerIssue } from '$lib/domain/questionnaire/answers';
import type { QuestionnaireDefinition } from '$lib/domain/questionnaire/definition';
import { m } from '$lib/paraglide/messages';

export function answerProblemText(problem: AnswerIssue, definition: QuestionnaireDefinition): string {
	switch (problem.reason) {
		case 'required':
			return m.q_error_required();
		case 'consent':
			return m.q_error_consent();
		case 'yes-no':
			return m.q_error_yes_no();
		case 'choice':
			return m.q_error_choice();
		case 'repeated':
			return m.q_error_repeated();
		case 'text':
			return m.q_error_text();
		case 'too-long': {
			const question = definition.questions.find((q) => q.id === problem.field);
			return m.q_error_too_long({ max: String(question?.maxLength ?? 1000) });
		}
		case 'area':
			return m.q_error_area();
		case 'point':
			return m.q_error_point();
		default:
			return m.q_error_other();
	}
}
