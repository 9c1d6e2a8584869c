/**
 * One community-finance award as typed into the staff form or a CSV row: text in, a checked award
 * or the problems by field out. The same rules serve both, so a row of a file and the form refuse
 * the same mistakes with the same words. Where the point lies (inside the place) and whether a
 * named site exists are checked by the service, which can ask the database.
 */
import { FINANCE_KINDS, RECIPIENT_TYPES, type FinanceKind, type RecipientType } from './publish';

/** The columns of an import file and the fields of the form, by the same names. */
export const AWARD_FIELDS = ['source', 'amount_gbp', 'kind', 'recipient_type', 'received_on', 'lon', 'lat', 'site', 'note'] as const;
export const REQUIRED_AWARD_FIELDS = ['source', 'amount_gbp', 'kind', 'recipient_type', 'received_on', 'lon', 'lat'] as const;

export interface AwardInput {
	source: string;
	amountGbp: number;
	kind: FinanceKind;
	recipientType: RecipientType;
	receivedOn: string;
	lon: number;
	lat: number;
	macroAssetId: string | null;
	note: string | null;
}

export interface FieldProblem {
	field: string;
	message: string;
}

const NUL = '\u0000';
const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DECIMAL = /^-?\d{1,3}(\.\d{1,12})?$/;

function isRealDate(text: string): boolean {
	const m = DATE.exec(text);
	if (!m) return false;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const d = new Date(Date.UTC(year, month - 1, day));
	return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && year >= 1990 && year <= 2100;
}

/** Reads an award; `today` (YYYY-MM-DD) bounds the date: money received cannot be in the future. */
export function readAward(fields: Readonly<Record<string, unknown>>, today: string): { value?: AwardInput; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const textOf = (name: string): string => {
		const raw = fields[name];
		return typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
	};
	const problem = (field: string, message: string) => problems.push({ field, message });
	for (const name of AWARD_FIELDS) if (textOf(name).includes(NUL)) problem(name, 'must not contain a NUL character (\\u0000)');
	if (problems.length) return { problems };

	const source = textOf('source');
	if (!source) problem('source', 'is required (who gave the money)');
	else if (source.length > 200) problem('source', 'must be at most 200 characters');

	const amountText = textOf('amount_gbp').replace(/^£/, '').replace(/,/g, '');
	const amountGbp = Number(amountText);
	if (!amountText) problem('amount_gbp', 'is required');
	else if (!AMOUNT.test(amountText) || amountGbp <= 0) problem('amount_gbp', 'must be an amount in pounds above 0, e.g. 500 or 1250.50');

	const kind = textOf('kind') as FinanceKind;
	if (!FINANCE_KINDS.includes(kind)) problem('kind', `must be one of ${FINANCE_KINDS.join(', ')}`);

	const recipientType = textOf('recipient_type') as RecipientType;
	if (!RECIPIENT_TYPES.includes(recipientType)) problem('recipient_type', `must be one of ${RECIPIENT_TYPES.join(', ')}`);

	const receivedOn = textOf('received_on');
	if (!receivedOn) problem('received_on', 'is required');
	else if (!isRealDate(receivedOn)) problem('received_on', 'must be a date written YYYY-MM-DD, from 1990 to 2100');
	else if (receivedOn > today) problem('received_on', 'must not be in the future');

	const coordinate = (name: 'lon' | 'lat', limit: number): number => {
		const raw = textOf(name);
		const value = Number(raw);
		if (!raw) problem(name, 'is required');
		else if (!DECIMAL.test(raw) || Math.abs(value) > limit) problem(name, `must be a number from -${limit} to ${limit} (WGS84 degrees)`);
		return value;
	};
	const lon = coordinate('lon', 180);
	const lat = coordinate('lat', 90);

	const site = textOf('site');
	if (site && !/^[a-z0-9][a-z0-9-]{0,99}$/.test(site)) problem('site', 'must be the id of a site (lower-case letters, digits and dashes) or empty');

	const note = textOf('note');
	if (note.length > 1000) problem('note', 'must be at most 1000 characters');

	if (problems.length) return { problems };
	return { value: { source, amountGbp, kind, recipientType, receivedOn, lon, lat, macroAssetId: site || null, note: note || null }, problems };
}
