import { listSkillGroups } from '$lib/server/assets/queries';
import { getAppDatabase } from '$lib/server/db/app';
import { formFailure, typedValues } from '$lib/server/http/forms';
import { listCrosswalk, removeCrosswalkEntry, saveCrosswalkEntry } from '$lib/server/matching/crosswalk';
import type { Actions, PageServerLoad } from './$types';

const LABELS = { role: 'The role', soc2020Code: 'The SOC 2020 code', skillGroupId: 'The skill group', nhsJobFamily: 'The NHS job family', afcBand: 'The band' };

export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const [entries, groups] = await Promise.all([listCrosswalk(db), listSkillGroups(db)]);
	return { entries, skillGroups: groups.map((g) => ({ id: g.id, name: g.name })) };
};

export const actions: Actions = {
	/** Adds a role or replaces the row of a role already there. */
	save: async ({ request }) => {
		const form = await request.formData();
		const values = typedValues(form, ['role', 'soc2020Code', 'skillGroupId', 'nhsJobFamily', 'afcBand']);
		try {
			const { db } = await getAppDatabase();
			const saved = await saveCrosswalkEntry(db, { ...values, role: values.role ?? '' });
			return { key: 'save', saved: saved.role };
		} catch (err) {
			return formFailure(err, { key: 'save', values, labels: LABELS });
		}
	},
	remove: async ({ request }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			const role = String(form.get('role') ?? '');
			await removeCrosswalkEntry(db, role);
			return { key: 'remove', removed: role };
		} catch (err) {
			return formFailure(err, { key: 'remove' });
		}
	}
};
