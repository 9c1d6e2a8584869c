/**
 * What a key does in presentation mode. Presenter clickers send PageDown/PageUp (some send the
 * arrow keys); a keyboard adds Space, Home and End. Escape leaves the presentation.
 */
export type PresentationStep = 'next' | 'previous' | 'first' | 'last' | 'exit';

export interface KeyPress {
	key: string;
	shiftKey?: boolean;
	ctrlKey?: boolean;
	altKey?: boolean;
	metaKey?: boolean;
}

/** The step a key press asks for, or null for keys the presentation leaves alone. */
export function presentationStep(press: KeyPress): PresentationStep | null {
	// Browser shortcuts (Ctrl+←, Alt+←, Cmd+…) keep their meaning.
	if (press.ctrlKey || press.altKey || press.metaKey) return null;
	switch (press.key) {
		case 'ArrowRight':
		case 'ArrowDown':
		case 'PageDown':
			return 'next';
		case ' ':
		case 'Spacebar':
		case 'Space':
			return press.shiftKey ? 'previous' : 'next';
		case 'ArrowLeft':
		case 'ArrowUp':
		case 'PageUp':
			return 'previous';
		case 'Home':
			return 'first';
		case 'End':
			return 'last';
		case 'Escape':
			return 'exit';
		default:
			return null;
	}
}

/** The 1-based view a step lands on in a story of `count` views (clamped, never wraps). */
export function stepTo(step: Exclude<PresentationStep, 'exit'>, current: number, count: number): number {
	if (count < 1) return 1;
	const target = step === 'next' ? current + 1 : step === 'previous' ? current - 1 : step === 'first' ? 1 : count;
	return Math.min(Math.max(target, 1), count);
}

/** The view number in `?view=`, clamped to the story; anything unreadable is the first view. */
export function viewNumber(raw: string | null, count: number): number {
	const n = Number(raw);
	if (!raw || !Number.isInteger(n) || count < 1) return 1;
	return Math.min(Math.max(n, 1), count);
}

/**
 * The message the embedded map sends its presentation for a key press that is a step, or null
 * for any other key (those stay with the map and the browser).
 */
export function keyMessage(press: KeyPress): { type: 'atlas-key'; key: string; shiftKey: boolean } | null {
	return presentationStep(press) ? { type: 'atlas-key', key: press.key, shiftKey: press.shiftKey === true } : null;
}

/** The key press in such a message, Shift included (Shift+Space steps back). */
export function forwardedPress(data: unknown): KeyPress | null {
	const key = forwardedKey(data);
	return key === null ? null : { key, shiftKey: (data as { shiftKey?: unknown }).shiftKey === true };
}

/** A key message the embedded map forwards to the presentation (`{ type: 'atlas-key', key }`). */
export function forwardedKey(data: unknown): string | null {
	if (typeof data !== 'object' || data === null) return null;
	const { type, key } = data as { type?: unknown; key?: unknown };
	return type === 'atlas-key' && typeof key === 'string' && key.length <= 20 ? key : null;
}
