/**
 * "Download PNG": the map's WebGL canvas (kept with preserveDrawingBuffer) with the title, the
 * site names, the legend, the attribution and the date drawn over it on a 2D canvas, at the map's
 * own size in device pixels. Works on any CanvasRenderingContext2D, so it needs no html-to-image.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LegendSection } from './explorer';

export interface ExportLabel {
	text: string;
	/** CSS pixels from the map's top-left corner. */
	left: number;
	top: number;
	width: number;
	height: number;
	accent: string;
}

export interface ExportContent {
	title: string;
	subtitle: string;
	/** The selected site's gap headline, large under the title so it reads from the back of the room. */
	headline?: string;
	sections: readonly LegendSection[];
	attribution: string;
	labels: readonly ExportLabel[];
}

const FONT = 'system-ui, "Liberation Sans", Arial, sans-serif';

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
	ctx.beginPath();
	ctx.moveTo(x + r, y);
	ctx.arcTo(x + w, y, x + w, y + h, r);
	ctx.arcTo(x + w, y + h, x, y + h, r);
	ctx.arcTo(x, y + h, x, y, r);
	ctx.arcTo(x, y, x + w, y, r);
	ctx.closePath();
}

function drawKey(ctx: CanvasRenderingContext2D, item: LegendSection['items'][number], x: number, cy: number, size: number) {
	ctx.save();
	ctx.lineWidth = 2.5;
	switch (item.shape) {
		case 'dot':
		case 'ring':
		case 'cluster': {
			const r = item.shape === 'cluster' ? size * 0.6 : size * 0.45;
			ctx.beginPath();
			ctx.arc(x + size / 2, cy, r, 0, Math.PI * 2);
			ctx.fillStyle = item.colour;
			ctx.fill();
			ctx.strokeStyle = item.shape === 'dot' ? '#ffffff' : (item.outline ?? '#1f2937');
			ctx.stroke();
			break;
		}
		case 'line':
		case 'dashed':
			ctx.strokeStyle = item.colour;
			ctx.lineWidth = 3;
			if (item.shape === 'dashed') ctx.setLineDash([5, 3]);
			ctx.beginPath();
			ctx.moveTo(x, cy);
			ctx.lineTo(x + size * 1.3, cy);
			ctx.stroke();
			break;
		default:
			ctx.globalAlpha = 0.65;
			ctx.fillStyle = item.colour;
			ctx.fillRect(x, cy - size * 0.4, size * 1.2, size * 0.8);
			ctx.globalAlpha = 1;
			ctx.strokeStyle = item.outline ?? item.colour;
			ctx.strokeRect(x, cy - size * 0.4, size * 1.2, size * 0.8);
	}
	ctx.restore();
}

/** Words broken into lines no wider than `maxWidth` in the context's current font. */
export function wrapText(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, maxWidth: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : word;
		if (line && ctx.measureText(candidate).width > maxWidth) {
			lines.push(line);
			line = word;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}

/** Draws title, labels, legend and attribution over an already-drawn map (CSS-pixel units). */
export function drawOverlays(ctx: CanvasRenderingContext2D, width: number, height: number, content: ExportContent): void {
	const pad = 14;
	const base = Math.max(13, Math.min(18, Math.round(width / 90)));

	// Site names where the map shows them.
	ctx.font = `600 ${base - 1}px ${FONT}`;
	ctx.textBaseline = 'middle';
	for (const label of content.labels) {
		ctx.fillStyle = 'rgba(255,255,255,0.96)';
		roundRect(ctx, label.left, label.top, label.width, label.height, 5);
		ctx.fill();
		ctx.fillStyle = label.accent;
		ctx.fillRect(label.left, label.top, 5, label.height);
		ctx.fillStyle = '#111111';
		ctx.fillText(label.text, label.left + 10, label.top + label.height / 2, label.width - 14);
	}

	// Title and date, top left.
	ctx.font = `750 ${base + 8}px ${FONT}`;
	const titleWidth = Math.min(width - 2 * pad, ctx.measureText(content.title).width + 2 * pad);
	ctx.font = `400 ${base}px ${FONT}`;
	const subWidth = Math.min(width - 2 * pad, ctx.measureText(content.subtitle).width + 2 * pad);
	const boxWidth = Math.max(titleWidth, subWidth);
	ctx.fillStyle = 'rgba(17,24,39,0.92)';
	roundRect(ctx, pad, pad, boxWidth, base * 3.4, 8);
	ctx.fill();
	ctx.fillStyle = '#ffffff';
	ctx.textBaseline = 'alphabetic';
	ctx.font = `750 ${base + 8}px ${FONT}`;
	ctx.fillText(content.title, pad * 2, pad + base * 1.75, boxWidth - 2 * pad);
	ctx.font = `400 ${base}px ${FONT}`;
	ctx.fillText(content.subtitle, pad * 2, pad + base * 2.9, boxWidth - 2 * pad);

	// The gap headline, under the title: large, wrapped to at most 60 % of the width.
	if (content.headline) {
		const size = Math.round(base * 1.45);
		ctx.font = `700 ${size}px ${FONT}`;
		const maxWidth = Math.min(width - 2 * pad, Math.max(420, width * 0.6)) - 2 * pad;
		const lines = wrapText(ctx, content.headline, maxWidth);
		const lineHeight = size * 1.25;
		const top = pad * 2 + base * 3.4;
		const boxWidth = Math.min(width - 2 * pad, Math.max(...lines.map((l) => ctx.measureText(l).width)) + 2 * pad);
		ctx.fillStyle = 'rgba(255,255,255,0.96)';
		roundRect(ctx, pad, top, boxWidth, lines.length * lineHeight + pad, 8);
		ctx.fill();
		ctx.fillStyle = '#111827';
		ctx.fillRect(pad, top, 6, lines.length * lineHeight + pad);
		ctx.textBaseline = 'middle';
		lines.forEach((line, i) => ctx.fillText(line, pad * 2, top + pad / 2 + lineHeight * (i + 0.5)));
	}

	// Legend, bottom left: section titles, wrapped rows of keys and each section's note.
	const maxLegendWidth = Math.min(width * 0.45, 520);
	const rowHeight = base * 1.5;
	const rows: { kind: 'title' | 'items' | 'note'; text?: string; items?: LegendSection['items'] }[] = [];
	ctx.font = `400 ${base}px ${FONT}`;
	for (const section of content.sections) {
		rows.push({ kind: 'title', text: section.title });
		let row: LegendSection['items'] = [];
		let used = 0;
		for (const item of section.items) {
			const w = base * 2 + ctx.measureText(item.label).width + base;
			if (row.length && used + w > maxLegendWidth - 2 * pad) {
				rows.push({ kind: 'items', items: row });
				row = [];
				used = 0;
			}
			row.push(item);
			used += w;
		}
		if (row.length) rows.push({ kind: 'items', items: row });
		if (section.note) for (const line of wrapText(ctx, section.note, maxLegendWidth - 3 * pad)) rows.push({ kind: 'note', text: line });
	}
	const legendHeight = rows.length * rowHeight + pad * 1.5;
	const legendTop = height - legendHeight - pad - base * 1.6;
	if (rows.length) {
		ctx.fillStyle = 'rgba(255,255,255,0.95)';
		roundRect(ctx, pad, legendTop, maxLegendWidth, legendHeight, 8);
		ctx.fill();
		ctx.strokeStyle = 'rgba(0,0,0,0.2)';
		ctx.lineWidth = 1;
		ctx.stroke();
		let y = legendTop + pad * 0.75 + rowHeight / 2;
		ctx.textBaseline = 'middle';
		for (const row of rows) {
			if (row.kind === 'title') {
				ctx.font = `700 ${base}px ${FONT}`;
				ctx.fillStyle = '#111111';
				ctx.fillText(row.text!, pad * 2, y, maxLegendWidth - 2 * pad);
			} else if (row.kind === 'note') {
				ctx.font = `400 ${base - 1}px ${FONT}`;
				ctx.fillStyle = '#374151';
				ctx.fillText(row.text!, pad * 2, y, maxLegendWidth - 3 * pad);
			} else {
				ctx.font = `400 ${base}px ${FONT}`;
				let x = pad * 2;
				for (const item of row.items!) {
					drawKey(ctx, item, x, y, base);
					x += base * 1.8;
					ctx.fillStyle = '#111111';
					ctx.fillText(item.label, x, y);
					x += ctx.measureText(item.label).width + base;
				}
			}
			y += rowHeight;
		}
	}

	// Attribution, bottom right, always.
	ctx.font = `400 ${base - 2}px ${FONT}`;
	ctx.textBaseline = 'middle';
	const attribution = content.attribution;
	const aw = ctx.measureText(attribution).width + 12;
	ctx.fillStyle = 'rgba(255,255,255,0.9)';
	ctx.fillRect(width - aw, height - base * 1.5, aw, base * 1.5);
	ctx.fillStyle = '#222222';
	ctx.fillText(attribution, width - aw + 6, height - base * 0.75);
}

/**
 * The map's current view as a PNG: a fresh frame of the map canvas (kept by preserveDrawingBuffer),
 * a separate deck.gl canvas over it when there is one (interleaved deck.gl draws into the map's
 * own), then the title, names, legend, attribution and date, at the canvas's size in device pixels.
 */
export async function exportMapPng(map: MapLibreMap, deckCanvas: HTMLCanvasElement | null, content: ExportContent): Promise<Blob> {
	// A fresh frame, read as soon as it is drawn.
	await new Promise<void>((resolve) => {
		map.once('render', () => resolve());
		map.triggerRepaint();
	});
	const source = map.getCanvas();
	const out = document.createElement('canvas');
	out.width = source.width;
	out.height = source.height;
	const ctx = out.getContext('2d');
	if (!ctx) throw new Error('This browser cannot draw the picture.');
	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, out.width, out.height);
	ctx.drawImage(source, 0, 0);
	if (deckCanvas) ctx.drawImage(deckCanvas, 0, 0, out.width, out.height);
	const frame = map.getContainer();
	const ratio = source.width / frame.clientWidth;
	ctx.scale(ratio, ratio);
	drawOverlays(ctx, frame.clientWidth, frame.clientHeight, content);
	return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made.'))), 'image/png'));
}
