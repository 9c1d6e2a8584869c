import { describe, expect, it } from 'vitest';
import { SharedMemo } from './shared-memo';

function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('SharedMemo', () => {
	it('runs one computation for callers that arrive while it is still running', async () => {
		const memo = new SharedMemo<number>(10);
		const gate = deferred<number>();
		let runs = 0;
		const compute = () => {
			runs++;
			return gate.promise;
		};
		const callers = Array.from({ length: 50 }, () => memo.get('layer', compute));
		gate.resolve(42);
		await expect(Promise.all(callers)).resolves.toEqual(Array(50).fill(42));
		expect(runs).toBe(1);
		await expect(memo.get('layer', compute)).resolves.toBe(42);
		expect(runs).toBe(1);
	});

	it('forgets a failed computation so that the next caller tries again', async () => {
		const memo = new SharedMemo<string>(10);
		let runs = 0;
		const failing = () => {
			runs++;
			return Promise.reject(new Error('database gone'));
		};
		await expect(memo.get('k', failing)).rejects.toThrow('database gone');
		await expect(memo.get('k', () => (runs++, Promise.resolve('ok')))).resolves.toBe('ok');
		expect(runs).toBe(2);
	});

	it('recomputes after the time to live and drops the oldest entry beyond the limit', async () => {
		let clock = 1_000;
		const memo = new SharedMemo<number>(2, 30_000, () => clock);
		let runs = 0;
		const compute = () => Promise.resolve(++runs);
		await expect(memo.get('a', compute)).resolves.toBe(1);
		expect(memo.has('a')).toBe(true);
		expect(memo.has('b')).toBe(false);
		clock += 29_999;
		await expect(memo.get('a', compute)).resolves.toBe(1);
		clock += 1;
		expect(memo.has('a')).toBe(false);
		await expect(memo.get('a', compute)).resolves.toBe(2);
		await memo.get('b', compute); // 3
		await memo.get('c', compute); // 4: 'a' is the oldest and goes
		expect(memo.size).toBe(2);
		await expect(memo.get('a', compute)).resolves.toBe(5);
		await expect(memo.get('c', compute)).resolves.toBe(4);
	});
});
