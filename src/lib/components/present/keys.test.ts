import { describe, expect, it } from 'vitest';
import { forwardedKey, forwardedPress, keyMessage, presentationStep, stepTo, viewNumber } from './keys';

describe('presentationStep', () => {
	it('steps forward on →, ↓, PageDown (a clicker) and Space', () => {
		for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', ' ']) expect(presentationStep({ key })).toBe('next');
	});
	it('steps back on ←, ↑, PageUp and Shift+Space', () => {
		for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp']) expect(presentationStep({ key })).toBe('previous');
		expect(presentationStep({ key: ' ', shiftKey: true })).toBe('previous');
	});
	it('jumps with Home and End, leaves with Escape', () => {
		expect(presentationStep({ key: 'Home' })).toBe('first');
		expect(presentationStep({ key: 'End' })).toBe('last');
		expect(presentationStep({ key: 'Escape' })).toBe('exit');
	});
	it('leaves browser shortcuts and other keys alone', () => {
		expect(presentationStep({ key: 'ArrowLeft', altKey: true })).toBeNull();
		expect(presentationStep({ key: 'ArrowRight', metaKey: true })).toBeNull();
		expect(presentationStep({ key: 'a' })).toBeNull();
	});
});

describe('stepTo', () => {
	it('moves within the story and stops at its ends', () => {
		expect(stepTo('next', 1, 3)).toBe(2);
		expect(stepTo('next', 3, 3)).toBe(3);
		expect(stepTo('previous', 1, 3)).toBe(1);
		expect(stepTo('last', 1, 7)).toBe(7);
		expect(stepTo('first', 5, 7)).toBe(1);
	});
});

describe('viewNumber', () => {
	it('reads ?view= and clamps it to the story', () => {
		expect(viewNumber('3', 7)).toBe(3);
		expect(viewNumber('9', 7)).toBe(7);
		expect(viewNumber('0', 7)).toBe(1);
		expect(viewNumber(null, 7)).toBe(1);
		expect(viewNumber('two', 7)).toBe(1);
		expect(viewNumber('2.5', 7)).toBe(1);
	});
});

describe('forwardedKey', () => {
	it('reads the embedded map’s key messages and nothing else', () => {
		expect(forwardedKey({ type: 'atlas-key', key: 'PageDown' })).toBe('PageDown');
		expect(forwardedKey({ type: 'other', key: 'PageDown' })).toBeNull();
		expect(forwardedKey({ type: 'atlas-key', key: 3 })).toBeNull();
		expect(forwardedKey('atlas-key')).toBeNull();
		expect(forwardedKey(null)).toBeNull();
	});
});

describe('keyMessage and forwardedPress', () => {
	it('forwards exactly the keys that step, with Shift, and leaves browser shortcuts alone', () => {
		for (const key of ['ArrowRight', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'PageDown', 'PageUp', ' ', 'Home', 'End', 'Escape']) {
			expect(keyMessage({ key })).toEqual({ type: 'atlas-key', key, shiftKey: false });
		}
		expect(keyMessage({ key: 'a' })).toBeNull();
		expect(keyMessage({ key: 'ArrowLeft', altKey: true })).toBeNull();
		const back = keyMessage({ key: ' ', shiftKey: true });
		expect(presentationStep(forwardedPress(back)!)).toBe('previous');
		expect(forwardedPress({ type: 'atlas-key', key: 'PageDown' })).toEqual({ key: 'PageDown', shiftKey: false });
		expect(forwardedPress({ type: 'other', key: 'PageDown' })).toBeNull();
	});
});
