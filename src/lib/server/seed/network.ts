/**
 * Demo rows for the enterprise network (issue 15): upcoming events, mentors, a placement offer and
 * approved ideas, all labelled as demo content. Dates are relative to the load so events stay upcoming.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { insertEvent, insertIdea, insertMentor, insertPlacement, updateIdeaReview } from '../network/queries';
import { tokenHash } from '../network/ideas';

const DAY_MS = 86_400_000;

export async function seedNetworkDemo(db: Kysely<Database>, placeId: string, now: Date = new Date()): Promise<void> {
	const at = (days: number, hour: number) => {
		const d = new Date(now.getTime() + days * DAY_MS);
		d.setUTCHours(hour, 0, 0, 0);
		return d.toISOString();
	};
	const events = [
		{ title: 'Social enterprise meet-up (demo)', venue: 'African Millennium Centre', days: 14, hour: 18, description: 'Meet the network, hear about the start-up grant and the challenge prize.' },
		{ title: 'Pop-up market on the City Hospital site (demo)', venue: 'Dudley Road', days: 40, hour: 10, description: 'Stalls for local traders and social enterprises.' }
	];
	for (const e of events) {
		await insertEvent(db, { id: crypto.randomUUID(), placeId, title: e.title, description: e.description, venue: e.venue, startsAt: at(e.days, e.hour), createdBy: null });
	}
	await insertMentor(db, { id: crypto.randomUUID(), placeId, name: 'Demo mentor: catering business', expertise: 'Food hygiene, costing, catering contracts' });
	await insertMentor(db, { id: crypto.randomUUID(), placeId, name: 'Demo mentor: construction supply chain', expertise: 'Tendering for subcontract packages' });
	await insertPlacement(db, { id: crypto.randomUUID(), placeId, host: 'Hospital catering contractor (demo)', title: 'Kitchen assistant placement', consortium: 'food', places: 2 });
	const ideas = [
		{ title: 'Community laundrette and café (demo)', description: 'A laundrette with a café where new neighbours from Icknield Port Loop can meet.', consortium: 'food' as const },
		{ title: 'Interpreting co-operative (demo)', description: 'Residents who speak Panjabi, Urdu and Arabic offering interpreting to the new hospital.', consortium: 'health' as const }
	];
	for (const idea of ideas) {
		const id = crypto.randomUUID();
		await insertIdea(db, { id, placeId, ...idea, contact: null, tokenHash: tokenHash(crypto.randomBytes(24).toString('base64url')), clientHash: '0'.repeat(64) });
		await updateIdeaReview(db, id, { status: 'approved', supportPartner: null, reviewNote: null, reviewedBy: null });
	}
}
