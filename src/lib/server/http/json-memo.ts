/**
 * The JSON text of memoised answers (a published layer, a score layer), kept beside the object so
 * that a layer served to many clients is serialised once: a 5,000-cell layer is megabytes of text.
 */
const texts = new WeakMap<object, string>();

export function jsonText(value: object): string {
	let text = texts.get(value);
	if (text === undefined) {
		text = JSON.stringify(value);
		texts.set(value, text);
	}
	return text;
}
