import { getAppDatabase } from '$lib/server/db/app';
import { attempt, orNull, typedValues, type FailureOptions } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { parseInput } from '$lib/server/http/validate';
import { findEnterprises } from '$lib/server/network/queries';
import { resolvePlace } from '$lib/server/network/directory';
import { numberOrText } from '$lib/server/network/forms';
import {
	DECISION_INPUT,
	EVENT_INPUT,
	MATCH_MENTOR_INPUT,
	MATCH_PLACEMENT_INPUT,
	MEETING_INPUT,
	MENTOR_INPUT,
	PLACEMENT_INPUT,
	addMentor,
	addPlacement,
	createEvent,
	decideApplication,
	listApplications,
	listMentorings,
	listMentors,
	listPlacements,
	matchMentor,
	matchPlacement,
	recordMeeting,
	upcomingEvents
} from '$lib/server/network/support';
import type { Actions, PageServerLoad } from './$types';

const actorOf = (user: App.Locals['user']) => ({ id: user!.id, name: user!.username, role: user!.role });

/** Network staff's support desk: events, grant and prize decisions, mentoring, work placements. */
export const load: PageServerLoad = async ({ url }) => {
	try {
		const { db } = await getAppDatabase();
		const place = await resolvePlace(db, url.searchParams.get('place'));
		const enterprises = await findEnterprises(db, { placeId: place.id, publicOnly: false, limit: 1000, offset: 0 });
		return {
			place,
			enterprises: enterprises.items.map((e) => ({ id: e.id, name: e.name, consortium: e.consortium })),
			events: await upcomingEvents(db, place.id),
			applications: (await listApplications(db, place.id)).map((a) => ({ ...a, decidedAt: a.decidedAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString().slice(0, 10) })),
			mentors: await listMentors(db, place.id),
			mentorings: await listMentorings(db, place.id),
			placements: await listPlacements(db, place.id)
		};
	} catch (err) {
		pageError(err);
	}
};

/** One named form: read its fields, run the change, answer `{ key, saved }` or the form failure. */
async function act(request: Request, key: string, fields: readonly string[], run: (values: Record<string, string>, placeId: string) => Promise<unknown>, labels: FailureOptions['labels'] = {}) {
	const form = await request.formData();
	const values = typedValues(form, fields);
	const outcome = await attempt(
		async () => {
			const { db } = await getAppDatabase();
			const place = await resolvePlace(db, null);
			await run(values, place.id);
		},
		{ key, values, labels }
	);
	if (!outcome.ok) return outcome.failure;
	return { key, saved: true };
}

export const actions: Actions = {
	event: ({ request, locals }) =>
		act(request, 'event', ['title', 'description', 'venue', 'startsAt'], async (v, placeId) => {
			const input = parseInput(EVENT_INPUT, { title: v.title, description: orNull(v.description!), venue: orNull(v.venue!), startsAt: v.startsAt }, 'form');
			await createEvent((await getAppDatabase()).db, actorOf(locals.user), placeId, input);
		}),
	decide: async ({ request, locals }) => {
		const form = await request.formData();
		const values = typedValues(form, ['id', 'decision', 'note']);
		const key = `decide-${values.id}`;
		const outcome = await attempt(
			async () => {
				const input = parseInput(DECISION_INPUT, { decision: values.decision, note: orNull(values.note!) }, 'form');
				await decideApplication((await getAppDatabase()).db, actorOf(locals.user), values.id!, input);
			},
			{ key, values }
		);
		if (!outcome.ok) return outcome.failure;
		return { key, saved: true };
	},
	mentor: ({ request }) =>
		act(request, 'mentor', ['name', 'expertise'], async (v, placeId) => {
			await addMentor((await getAppDatabase()).db, placeId, parseInput(MENTOR_INPUT, { name: v.name, expertise: orNull(v.expertise!) }, 'form'));
		}),
	match: ({ request }) =>
		act(request, 'match', ['mentor', 'enterprise'], async (v, placeId) => {
			await matchMentor((await getAppDatabase()).db, placeId, parseInput(MATCH_MENTOR_INPUT, { mentor: v.mentor, enterprise: v.enterprise }, 'form'));
		}),
	meeting: ({ request }) =>
		act(request, 'meeting', ['mentoring', 'metOn', 'note'], async (v) => {
			await recordMeeting((await getAppDatabase()).db, parseInput(MEETING_INPUT, { mentoring: v.mentoring, metOn: v.metOn, note: orNull(v.note!) }, 'form'));
		}),
	placement: ({ request }) =>
		act(request, 'placement', ['host', 'title', 'consortium', 'places'], async (v, placeId) => {
			await addPlacement((await getAppDatabase()).db, placeId, parseInput(PLACEMENT_INPUT, { host: v.host, title: v.title, consortium: v.consortium, places: numberOrText(v.places!) }, 'form'));
		}),
	assign: ({ request }) =>
		act(request, 'assign', ['placement', 'enterprise'], async (v) => {
			await matchPlacement((await getAppDatabase()).db, parseInput(MATCH_PLACEMENT_INPUT, { placement: v.placement, enterprise: orNull(v.enterprise!) }, 'form'));
		})
};
