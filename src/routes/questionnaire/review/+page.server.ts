import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { formFailure } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { int, intParam, oneOfParam, parseInput, parseQuery, text } from '$lib/server/http/validate';
import { currentQuestionnaire } from '$lib/server/questionnaires/service';
import { listResponses, reviewResponse, withdrawResponse } from '$lib/server/restricted/responses/service';
import { issueOwedVoucher, setVoucherRule, voucherLedger } from '$lib/server/restricted/responses/vouchers';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;
const QUERY = v.strictObject({
	status: v.optional(oneOfParam(['pending', 'validated', 'rejected'] as const), 'pending'),
	offset: v.optional(intParam(0, 1_000_000_000), '0')
});

export const load: PageServerLoad = async ({ locals, url }) => {
	let query: v.InferOutput<typeof QUERY>;
	try {
		query = parseQuery(url, QUERY, { declaredOnly: true });
	} catch (err) {
		pageError(err);
	}
	const { db } = await getAppDatabase();
	const [list, ledger, current] = await Promise.all([
		listResponses(db, locals.user!, { status: query.status, limit: PAGE_SIZE, offset: query.offset }),
		voucherLedger(db, locals.user!),
		currentQuestionnaire(db)
	]);
	// What a coordinator needs to judge a form: the coded answers, never the free text.
	const label = (questionId: string, code: unknown) => current.definition.questions.find((q) => q.id === questionId)?.choices?.find((c) => c.code === code)?.label ?? (typeof code === 'string' ? code : '–');
	const responses = list.responses.map((r) => ({
		id: r.id,
		researcherName: r.researcherName,
		source: r.source,
		status: r.status,
		reviewReason: r.reviewReason,
		createdAt: r.createdAt,
		questionnaireVersion: r.questionnaireVersion,
		summary: [label('age_band', r.answers.age_band), label('occupation', r.answers.occupation), label('main_language', r.answers.main_language)].join(' · ')
	}));
	return { responses, total: list.total, status: query.status, offset: query.offset, pageSize: PAGE_SIZE, ledger, isAdmin: locals.user!.role === 'administrator' };
};

const REVIEW = v.strictObject({ id: v.pipe(v.string(), v.uuid('must be a response id')), reason: v.optional(text(500)) });
const RULE = v.strictObject({ amountPounds: int(0, 10_000), batchSize: int(1, 1000), capPounds: int(0, 100_000) });

function fields(form: FormData, names: string[]): Record<string, string> {
	return Object.fromEntries(names.filter((n) => form.has(n)).map((n) => [n, String(form.get(n))]));
}

export const actions: Actions = {
	validate: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { id } = parseInput(REVIEW, fields(form, ['id']), 'form');
			const { db } = await getAppDatabase();
			await reviewResponse(db, locals.user!, id, 'validated', null);
			return { key: 'review', done: 'Validated.' };
		} catch (err) {
			return formFailure(err, { key: 'review' });
		}
	},
	reject: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { id, reason } = parseInput(REVIEW, fields(form, ['id', 'reason']), 'form');
			const { db } = await getAppDatabase();
			await reviewResponse(db, locals.user!, id, 'rejected', reason ?? null);
			return { key: 'review', done: 'Rejected.' };
		} catch (err) {
			return formFailure(err, { key: 'review' });
		}
	},
	withdraw: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { id } = parseInput(REVIEW, fields(form, ['id']), 'form');
			const { db } = await getAppDatabase();
			await withdrawResponse(db, locals.user!, id);
			return { key: 'review', done: 'Consent withdrawn: the response and its part of the published layers were deleted.' };
		} catch (err) {
			return formFailure(err, { key: 'review' });
		}
	},
	issue: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { id } = parseInput(REVIEW, { id: String(form.get('researcherId') ?? '') }, 'form');
			const { db } = await getAppDatabase();
			const { amountPence } = await issueOwedVoucher(db, locals.user!, id, null);
			return { key: 'voucher', done: `Voucher of £${(amountPence / 100).toFixed(2)} recorded as issued.` };
		} catch (err) {
			return formFailure(err, { key: 'voucher' });
		}
	},
	rule: async ({ request, locals }) => {
		const form = await request.formData();
		const number = (name: string) => {
			const raw = String(form.get(name) ?? '').trim();
			return raw === '' ? undefined : Number(raw);
		};
		try {
			const rule = parseInput(RULE, { amountPounds: number('amountPounds'), batchSize: number('batchSize'), capPounds: number('capPounds') }, 'form');
			const { db } = await getAppDatabase();
			await setVoucherRule(db, locals.user!, { amountPence: rule.amountPounds * 100, batchSize: rule.batchSize, capPence: rule.capPounds * 100 });
			return { key: 'rule', done: 'Voucher rule saved.' };
		} catch (err) {
			return formFailure(err, { key: 'rule', values: fields(form, ['amountPounds', 'batchSize', 'capPounds']) });
		}
	}
};
