import { describe, expect, it } from 'vitest';
import { aboutPeople, gapSentence, orderGaps, rankPhrase, skillGap, walkMinutesFrom } from './gap';

describe('gap headline', () => {
	it('reads as the issue asks: posts, people within the walk, the shortfall', () => {
		const gap = skillGap('nursing-midwifery', 'Nursing & midwifery', 104, 31.7);
		expect(gap).toMatchObject({ people: 30, balance: -75, kind: 'short' });
		expect(gapSentence(gap, 20, 'straight')).toBe(
			"104 nursing & midwifery posts; about 30 local people with nursing & midwifery skills within 20 minutes' walk (straight line); about 75 short"
		);
	});

	it('names the walking network and a surplus', () => {
		const gap = skillGap('retail', 'Retail & customer service', 2, 121);
		expect(gap.kind).toBe('surplus');
		expect(gapSentence(gap, 10, 'walk')).toBe(
			"2 retail & customer service posts; about 120 local people with retail & customer service skills within 10 minutes' walk (walking network); about 120 more people than posts"
		);
	});

	it('pooled groups read "matching skills"', () => {
		expect(gapSentence({ name: '', opportunities: 1, people: 0, balance: -1 }, 15, 'straight')).toBe(
			"1 post; no local people counted with matching skills within 15 minutes' walk (straight line); 1 short"
		);
	});

	it('says "no local people counted" and the exact shortfall when nobody is counted', () => {
		const gap = skillGap('m', 'Medical & clinical', 34, 1.2);
		expect(gap.balance).toBe(-34);
		expect(gapSentence(gap, 20, 'straight')).toBe("34 medical & clinical posts; no local people counted with medical & clinical skills within 20 minutes' walk (straight line); 34 short");
	});

	it('people are whole and rounded to the publication base', () => {
		expect(aboutPeople(31.7)).toBe(30);
		expect(aboutPeople(12.5)).toBe(15);
		expect(aboutPeople(2.4)).toBe(0);
		expect(aboutPeople(Number.NaN)).toBe(0);
		for (let v = 0; v < 200; v += 0.37) expect(aboutPeople(v) % 5).toBe(0);
	});

	it('orders shortfalls first, the largest first', () => {
		const gaps = [skillGap('a', 'A', 10, 40), skillGap('b', 'B', 100, 10), skillGap('c', 'C', 20, 5), skillGap('d', 'D', 10, 10)];
		expect(orderGaps(gaps).map((g) => g.skill)).toEqual(['b', 'c', 'd', 'a']);
	});

	it('says which way a rank runs', () => {
		expect(rankPhrase(1, 5)).toBe('1st of 5 (1st = most local talent per post)');
		expect(rankPhrase(12, 13)).toBe('12th of 13 (1st = most local talent per post)');
	});

	it('takes only the offered walks from a URL', () => {
		expect(walkMinutesFrom('30')).toBe(30);
		expect(walkMinutesFrom('25')).toBe(20);
		expect(walkMinutesFrom(null)).toBe(20);
	});
});
