/** The page a person sees when they must sign in (401) or their role does not reach (403). */

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function deniedPage(status: 401 | 403, message: string, next: string): string {
	const title = status === 401 ? 'Sign in needed' : 'Not available to your account';
	const action =
		status === 401
			? `<a class="button" href="/signin?next=${encodeURIComponent(next)}">Sign in</a>`
			: '<a class="button" href="/">Back to the map</a>';
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Asset Atlas</title>
<style>
body{font:18px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f4f6f8;color:#14213d}
main{background:#fff;padding:2rem 2.5rem;border-radius:12px;box-shadow:0 2px 12px #0002;max-width:28rem}
h1{font-size:1.5rem;margin:0 0 .5rem}.button{display:inline-block;margin-top:1rem;padding:.6rem 1.2rem;background:#1d3557;color:#fff;border-radius:8px;text-decoration:none;font-weight:600}
</style></head>
<body><main><p>${status}</p><h1>${title}</h1><p>${escapeHtml(message)}</p>${action}</main></body></html>`;
}
