/**
 * Readability of English text: Flesch reading ease and the Flesch–Kincaid grade level.
 *
 *   reading ease = 206.835 − 1.015 · (words / sentences) − 84.6 · (syllables / words)
 *   grade        = 0.39 · (words / sentences) + 11.8 · (syllables / words) − 15.59
 *
 * (Flesch 1948; Kincaid et al. 1975, US Navy research branch report 8-75.) A grade of about 6 is a
 * UK reading age of about 11 (US grade + 5 ≈ age). Syllables are counted by the usual vowel-group
 * heuristic (silent final "e", "-le" endings), good to about ±10% on plain English.
 */

export function countSyllables(word: string): number {
	const w = word.toLowerCase().replace(/[^a-z]/g, '');
	if (w.length === 0) return 0;
	if (w.length <= 3) return 1;
	const trimmed = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
	const groups = trimmed.match(/[aeiouy]{1,2}/g);
	return Math.max(1, groups ? groups.length : 1);
}

export interface Readability {
	sentences: number;
	words: number;
	syllables: number;
	fleschReadingEase: number;
	fleschKincaidGrade: number;
}

/** Each string is taken as at least one sentence (labels and buttons end without a full stop). */
export function readability(texts: readonly string[]): Readability {
	let sentences = 0;
	let words = 0;
	let syllables = 0;
	for (const text of texts) {
		const plain = text.replace(/\{[^}]*\}/g, 'it');
		const tokens = plain.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
		if (tokens.length === 0) continue;
		sentences += Math.max(1, (plain.match(/[.!?]+(\s|$)/g) ?? []).length);
		words += tokens.length;
		syllables += tokens.reduce((sum, token) => sum + countSyllables(token), 0);
	}
	const wordsPerSentence = words / Math.max(1, sentences);
	const syllablesPerWord = syllables / Math.max(1, words);
	return {
		sentences,
		words,
		syllables,
		fleschReadingEase: 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord,
		fleschKincaidGrade: 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
	};
}
