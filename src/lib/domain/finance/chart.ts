/**
 * The totals-over-time chart of the finance page as plain SVG geometry: one stacked bar per year,
 * one segment per kind of finance, on a scale that starts at zero and ends at a round figure.
 */
import { FINANCE_KINDS, type FinanceKind } from './publish';

export interface YearTotals {
	year: number;
	byKind: Record<FinanceKind, number>;
}

export interface BarSegment {
	kind: FinanceKind;
	x: number;
	y: number;
	width: number;
	height: number;
	amountGbp: number;
}

export interface ChartLayout {
	width: number;
	height: number;
	/** The top of the scale, a round figure at or above the largest year. */
	scaleMax: number;
	ticks: { value: number; y: number }[];
	bars: { year: number; x: number; total: number; segments: BarSegment[] }[];
}

/** 1, 2 or 5 times a power of ten, the smallest at or above `value`. */
export function niceCeiling(value: number): number {
	if (value <= 0) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
	return 10 * power;
}

export function layoutYearChart(years: readonly YearTotals[], size = { width: 360, height: 200, left: 48, bottom: 22, top: 8 }): ChartLayout {
	const totals = years.map((y) => FINANCE_KINDS.reduce((s, k) => s + y.byKind[k], 0));
	const scaleMax = niceCeiling(Math.max(0, ...totals));
	const plotHeight = size.height - size.bottom - size.top;
	const plotWidth = size.width - size.left;
	const slot = years.length ? plotWidth / years.length : plotWidth;
	const barWidth = Math.max(2, slot * 0.7);
	const yOf = (value: number) => size.top + plotHeight - (value / scaleMax) * plotHeight;
	const bars = years.map((y, index) => {
		const x = size.left + index * slot + (slot - barWidth) / 2;
		let running = 0;
		const segments: BarSegment[] = [];
		for (const kind of FINANCE_KINDS) {
			const amount = y.byKind[kind];
			if (amount <= 0) continue;
			const top = yOf(running + amount);
			segments.push({ kind, x, y: top, width: barWidth, height: yOf(running) - top, amountGbp: amount });
			running += amount;
		}
		return { year: y.year, x: x + barWidth / 2, total: totals[index]!, segments };
	});
	const ticks = [0, 0.5, 1].map((f) => ({ value: scaleMax * f, y: yOf(scaleMax * f) }));
	return { width: size.width, height: size.height, scaleMax, ticks, bars };
}
