import { describe, expect, it } from 'vitest';
import { candidateGroups, candidateKey, candidateRecord, vacancyGap, type StageCounts } from './candidates';

const counts = (ready: number | null): StageCounts => ({ identified: 20, language_training: 10, accreditation: null, ready_for_work: ready, in_work: 0 });

describe('candidates', () => {
	it('publishes each group and stage under a fixed composite key', () => {
		expect(candidateKey('nursing-midwifery', 'accreditation')).toBe('nursing-midwifery.accreditation/any');
		expect(candidateGroups(['a'])).toEqual(['a.identified', 'a.language_training', 'a.accreditation', 'a.ready_for_work', 'a.in_work']);
		expect(candidateRecord({ cell: 'hex250:1:2', skillGroup: 'a', stage: 'in_work' })).toEqual({
			cell: 'hex250:1:2',
			skillGroup: 'a.in_work',
			overseasQualification: false,
			englishTestPassed: false,
			professionallyRegistered: false
		});
	});

	it('takes the gap from the published ready-for-work count only', () => {
		expect(vacancyGap(12, counts(10))).toBe(2);
		expect(vacancyGap(5, counts(10))).toBe(0);
		expect(vacancyGap(5, counts(null))).toBeNull();
	});
});
