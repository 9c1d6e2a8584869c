import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { invalid, notFound } from '../errors';
import { attempt, formFailure, FormProblem, typedValues } from './forms';
import { parseInput, text } from './validate';

describe('formFailure: one shape for every refused form', () => {
	const labels = { title: 'The title' };
	it('puts a valibot refusal beside the field it names, with the API status', () => {
		let failure;
		try {
			parseInput(v.strictObject({ title: text(5) }), { title: 'far too long' }, 'form');
		} catch (err) {
			failure = formFailure(err, { key: 'add', values: { title: 'far too long' }, labels });
		}
		expect(failure).toMatchObject({
			status: 422,
			data: { key: 'add', message: '"title" must be at most 5 characters', errors: { title: 'The title must be at most 5 characters.' }, values: { title: 'far too long' } }
		});
	});
	it('puts a domain error without a labelled field on the whole form', () => {
		expect(formFailure(notFound('That view is no longer in this story.'), { key: 'view-1' })).toMatchObject({
			status: 404,
			data: { key: 'view-1', message: 'That view is no longer in this story.', errors: { form: 'That view is no longer in this story.' }, values: {} }
		});
		expect(formFailure(invalid('No.', [{ field: 'other', message: 'is wrong' }]), { labels })).toMatchObject({ status: 422, data: { key: 'form', errors: { form: 'No.' } } });
	});
	it('attaches a FormProblem to its field, and throws on anything that is not a refusal', async () => {
		expect(formFailure(new FormProblem('link', 'goes elsewhere'))).toMatchObject({ status: 422, data: { errors: { link: 'goes elsewhere' } } });
		await expect(attempt(async () => { throw new TypeError('bug'); })).rejects.toThrow('bug');
		await expect(attempt(async () => 7)).resolves.toEqual({ ok: true, result: 7 });
	});
	it('reads the typed text of a form, every field or those named', () => {
		const form = new FormData();
		form.set('title', 'A');
		form.set('file', new Blob(['x']));
		expect(typedValues(form)).toEqual({ title: 'A' });
		expect(typedValues(form, ['title', 'caption'])).toEqual({ title: 'A', caption: '' });
	});
});
