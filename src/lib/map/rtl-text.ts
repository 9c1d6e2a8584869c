/**
 * MapLibre's right-to-left text plugin (it shapes Arabic script in map labels), bundled with the app
 * from node_modules and served from our own origin: never a CDN. The package's `exports` names only
 * its source, so the built worker script is imported by path.
 */
import rtlTextPluginUrl from '../../../node_modules/@mapbox/mapbox-gl-rtl-text/dist/mapbox-gl-rtl-text.js?url';

export { rtlTextPluginUrl };

/** Registers the plugin once per page; lazy: it is fetched only when a label needs it. */
export async function useRtlTextPlugin(): Promise<void> {
	const { getRTLTextPluginStatus, setRTLTextPlugin } = await import('maplibre-gl');
	if (getRTLTextPluginStatus() !== 'unavailable') return;
	await setRTLTextPlugin(rtlTextPluginUrl, true).catch(() => undefined);
}
