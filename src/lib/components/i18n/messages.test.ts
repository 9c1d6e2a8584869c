/**
 * The message data (messages/<locale>.json): every language has every message with the same
 * placeholders, translations not checked by a native speaker say so, and the English the
 * residents read is plain (Flesch–Kincaid grade ≤ 6, about a UK reading age of 11).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../domain/i18n/languages';
import { readability } from '../../domain/text/readability';

/** A message is a string, or (plural-safe messages) an array of variants whose `match` holds the patterns. */
type Message = string | { match: Record<string, string> }[];
type Messages = Record<string, Message>;
const read = (code: string): Messages => JSON.parse(readFileSync(new URL(`../../../../messages/${code}.json`, import.meta.url), 'utf8'));
/** Every pattern of a message: the string itself, or each variant's (languages have different plural forms). */
const patterns = (message: Message): string[] => (typeof message === 'string' ? [message] : message.flatMap((variant) => Object.values(variant.match)));
const placeholders = (message: Message) => [...new Set(patterns(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();

describe('messages', () => {
	const english = read('en');
	const keys = Object.keys(english).filter((key) => key !== '$schema');

	it.each(LANGUAGE_CODES.filter((code) => code !== 'en'))('%s has every message, with the same placeholders, and is marked unreviewed', (code) => {
		const messages = read(code);
		expect(Object.keys(messages).filter((key) => key !== '$schema').sort()).toEqual([...keys].sort());
		for (const key of keys) expect(placeholders(messages[key]!), `${code}.${key}`).toEqual(placeholders(english[key]!));
		expect(messages.translation_reviewed).toBe('no');
		expect(messages.translation_note).not.toBe(english.translation_note);
	});

	it('keeps the residents’ English plain (reading age about 11)', () => {
		const residentText = keys.filter((key) => !['translation_reviewed', '$schema'].includes(key)).flatMap((key) => patterns(english[key]!).slice(-1));
		const score = readability(residentText);
		console.log(`[readability] English messages: ${score.words} words, ${score.sentences} sentences, Flesch reading ease ${score.fleschReadingEase.toFixed(1)}, Flesch–Kincaid grade ${score.fleschKincaidGrade.toFixed(1)}`);
		// Labels and buttons count as one-line sentences and flatter the score: the prose alone (the
		// messages written as sentences) is the figure that matters.
		const prose = readability(residentText.filter((text) => /[.?!]$/.test(text.trim())));
		console.log(`[readability] English prose only: ${prose.words} words, ${prose.sentences} sentences, Flesch reading ease ${prose.fleschReadingEase.toFixed(1)}, Flesch–Kincaid grade ${prose.fleschKincaidGrade.toFixed(1)}`);
		expect(score.fleschKincaidGrade).toBeLessThanOrEqual(6);
		expect(prose.fleschKincaidGrade).toBeLessThanOrEqual(6);
		expect(prose.fleschReadingEase).toBeGreaterThanOrEqual(70);
	});
});
