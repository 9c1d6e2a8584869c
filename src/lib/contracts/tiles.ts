/**
 * What GET /tiles/<layer>/summary.json answers: the few facts a map needs to colour and explain a
 * tiled layer (its legend classes, units, what was withheld) without fetching the layer. Types only.
 */
import type { ScoreLayer } from './scores';

/** A layer's values in brief (domain/tiles/distribution.ts makes it). */
export interface ValueDistribution {
	/** Values counted (finite ones). */
	count: number;
	zeros: number;
	positive: number;
	/** The positive values' quantiles at 0, 1/n, …, 1 (empty when none is positive). */
	quantiles: number[];
}

/** /tiles/opportunity-scores/summary.json: the score layer's own facts, without its cells. */
export type ScoreTileSummary = Omit<ScoreLayer, 'type' | 'features' | 'timing'> & {
	layer: 'opportunity-scores';
	/** The cells' scores in brief: the legend's classes. */
	distribution: ValueDistribution;
	/** Ranks shared by more than one cell (tied scores), with how many share each: "joint 3rd". */
	ties: Record<string, number>;
};

/** /tiles/resident-skills/summary.json: the published resident layer's facts, without its cells. */
export interface ResidentTileSummary {
	layer: 'resident-skills';
	filter: { place: string; skill: string; readiness: string };
	/** Rounded total, or null when withheld. */
	total: number | null;
	k: number;
	roundingBase: number;
	synthetic: boolean;
	/** Cells with a published count, and cells withheld. */
	cells: number;
	withheld: number;
	/** The largest published count (null when none): the legend's classes need no more. */
	maxCount: number | null;
}

export type TileSummary = ScoreTileSummary | ResidentTileSummary;
