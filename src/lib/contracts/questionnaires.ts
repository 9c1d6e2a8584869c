/**
 * Questionnaires on the wire (issue 11): the definition a researcher's phone fills in, the body
 * of POST /api/responses and its answers, and what researchers and coordinators see of vouchers.
 * Types only.
 */
export type { Answer, Answers, LocationAnswer } from '../domain/questionnaire/answers';
export type { Choice, Question, QuestionType, QuestionnaireDefinition, ResidentField, Section } from '../domain/questionnaire/definition';

/** GET /api/questionnaires/current */
export interface QuestionnaireDocument {
	readonly version: number;
	readonly createdAt: string;
	readonly title: string;
	readonly sections: readonly import('../domain/questionnaire/definition').Section[];
	readonly questions: readonly import('../domain/questionnaire/definition').Question[];
}

/** POST /api/responses: the id is a uuid made on the device when the draft is created. */
export interface ResponseSubmission {
	readonly id: string;
	readonly questionnaireVersion: number;
	readonly answers: import('../domain/questionnaire/answers').Answers;
}

/** 201 (created) or 200 (the same id and content again: nothing changed). */
export interface ResponseReceipt {
	readonly id: string;
	readonly outcome: 'created' | 'unchanged';
}

export interface VoucherStandingView {
	readonly validated: number;
	readonly pending: number;
	readonly rejected: number;
	readonly earnedPence: number;
	readonly issuedPence: number;
	readonly owedPence: number;
}
