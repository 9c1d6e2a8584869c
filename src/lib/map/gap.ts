/** The map's requests for a site's gap headline (GET /api/sites/{id}/gap). Pure. */
export interface GapChoice {
	placeId: string;
	skill: string;
	readiness: string;
	distance: 'straight' | 'walk';
	scenario: string | null;
	walkMinutes: number;
}

export function gapUrl(siteId: string, choice: GapChoice): string {
	const q = new URLSearchParams({ place: choice.placeId, walk: String(choice.walkMinutes), skill: choice.skill, readiness: choice.readiness, distance: choice.distance });
	if (choice.scenario) q.set('scenario', choice.scenario);
	return `/api/sites/${encodeURIComponent(siteId)}/gap?${q}`;
}
