/**
 * The presentation legend as one strip along the bottom of the map: its sections side by side,
 * each listing its items in columns. A section set in more (or narrower) columns is lower but
 * wider, and the sections together must fit the map's width; this chooses, from each section's
 * measured layouts, the set that makes the lowest strip. Pure: the component measures, this picks.
 */

export interface StripLayout {
	/** How the section sets its items; lower = preferred (e.g. long labels kept on one line). */
	variant: number;
	/** The section's size in this layout, in pixels. */
	width: number;
	height: number;
}

/**
 * One layout per section, in the order given: the lowest strip height at which every section, in
 * its narrowest layout no taller than that, fits side by side within `room`; then, at that height,
 * each section in turn takes its most preferred layout that still fits. When no height fits (a
 * narrow window; the strip will wrap onto more lines), each section's narrowest layout.
 *
 * @param sections every section's measured layouts (at least one each)
 * @param room the strip's inner width, pixels
 * @param gap the space between two sections, pixels
 */
export function chooseStripLayouts<T extends StripLayout>(sections: readonly (readonly T[])[], room: number, gap: number): T[] {
	const width = (chosen: readonly T[]) => chosen.reduce((sum, l) => sum + l.width, 0) + gap * Math.max(0, chosen.length - 1);
	const narrowest = (layouts: readonly T[]) => layouts.reduce((a, b) => (b.width < a.width ? b : a));
	const lowest = (layouts: readonly T[]) => layouts.reduce((a, b) => (b.height < a.height ? b : a));
	const within = (height: number) =>
		sections.map((layouts) => {
			const low = layouts.filter((l) => l.height <= height);
			return low.length ? low : [lowest(layouts)];
		});
	const heights = [...new Set(sections.flatMap((layouts) => layouts.map((l) => l.height)))].sort((a, b) => a - b);
	const height = heights.find((h) => width(within(h).map(narrowest)) <= room);
	if (height === undefined) return sections.map(narrowest);
	const candidates = within(height);
	const chosen = candidates.map(narrowest);
	candidates.forEach((layouts, i) => {
		const preferred = [...layouts].sort((a, b) => a.variant - b.variant || a.width - b.width);
		chosen[i] = preferred.find((l) => width(chosen.map((c, j) => (j === i ? l : c))) <= room) ?? chosen[i]!;
	});
	return chosen;
}
