import { getAppDatabase } from '$lib/server/db/app';
import { pageError } from '$lib/server/http/errors';
import { formFailure, orNull } from '$lib/server/http/forms';
import { listSkillGroups } from '$lib/server/assets/queries';
import { PIPELINE_STAGES, type PipelineStage } from '$lib/server/db/schema';
import { invalid } from '$lib/server/errors';
import { changeCase, getCase, pipelinePartners } from '$lib/server/restricted/pipeline/cases';
import type { Actions, PageServerLoad } from './$types';

/** One case: what the record says, who works it, what comes next, and its stages (an audited read). */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await getAppDatabase();
	try {
		const found = await getCase(db, locals.user!, params.id);
		const [partners, groups] = await Promise.all([pipelinePartners(db, locals.user!), listSkillGroups(db)]);
		return { case: found, partners, stages: PIPELINE_STAGES, skillGroupName: groups.find((g) => g.id === found.skillGroupId)?.name ?? found.skillGroupId };
	} catch (err) {
		pageError(err);
	}
};

function stageFrom(form: FormData): PipelineStage {
	const stage = String(form.get('stage') ?? '');
	if (!(PIPELINE_STAGES as readonly string[]).includes(stage)) throw invalid('Choose the stage to move to.', [{ field: 'stage', message: `must be one of ${PIPELINE_STAGES.join(', ')}` }]);
	return stage as PipelineStage;
}

export const actions: Actions = {
	/** Moves the case to another stage; the move and its note go into the history. */
	move: async ({ request, params, locals }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			const stage = stageFrom(form);
			await changeCase(db, locals.user!, params.id, { stage }, orNull(String(form.get('note') ?? '')));
			return { key: 'move', moved: stage };
		} catch (err) {
			return formFailure(err, { key: 'move' });
		}
	},
	/** Who works the case and what comes next. */
	assign: async ({ request, params, locals }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			await changeCase(db, locals.user!, params.id, {
				partnerId: orNull(String(form.get('partnerId') ?? '')),
				mentor: orNull(String(form.get('mentor') ?? '')),
				nextStep: orNull(String(form.get('nextStep') ?? '')),
				nextStepOn: orNull(String(form.get('nextStepOn') ?? '')),
				note: orNull(String(form.get('note') ?? ''))
			});
			return { key: 'assign', assigned: true };
		} catch (err) {
			return formFailure(err, { key: 'assign' });
		}
	}
};
