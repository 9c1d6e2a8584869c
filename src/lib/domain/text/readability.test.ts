import { describe, expect, it } from 'vitest';
import { countSyllables, readability } from './readability';

describe('readability', () => {
	it('counts syllables the usual way', () => {
		expect(countSyllables('job')).toBe(1);
		expect(countSyllables('training')).toBe(2);
		expect(countSyllables('opportunity')).toBe(5);
		expect(countSyllables('qualification')).toBe(5);
		expect(countSyllables('make')).toBe(1);
	});
	it('scores plain text as easy and dense text as hard', () => {
		const easy = readability(['Ask about this job. We can help you.']);
		const hard = readability(['Professional accreditation necessitates comprehensive documentation of internationally recognised qualifications.']);
		expect(easy.fleschReadingEase).toBeGreaterThan(80);
		expect(hard.fleschReadingEase).toBeLessThan(10);
		expect(easy.fleschKincaidGrade).toBeLessThan(hard.fleschKincaidGrade);
	});
});
