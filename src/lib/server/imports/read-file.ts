/**
 * Reads an import file from disk into a SourceFile: GeoJSON and CSV text are parsed by the domain
 * module; shapefiles are decoded here from their .shp, .dbf, .prj and .cpg companions.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as shapefile from 'shapefile';
import { crsFromPrj } from '../../domain/imports/crs';
import {
	parseCsv,
	parseGeoJson,
	SourceFormatError,
	type SourceFile,
	type SourceFormat,
	type SourceRecord
} from '../../domain/imports/source';

/** A file that cannot be read at all (missing, not the format its name says). */
export class UnreadableFile extends Error {
	override name = 'UnreadableFile';
}

export async function readSourceFile(file: string, format: SourceFormat): Promise<SourceFile> {
	const name = path.basename(file);
	try {
		if (format === 'shapefile') return await readShapefile(file);
		const text = await fs.readFile(file, 'utf8');
		return format === 'geojson' ? parseGeoJson(text, name) : parseCsv(text, name);
	} catch (err) {
		if (err instanceof SourceFormatError || err instanceof UnreadableFile) throw new UnreadableFile(err.message);
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new UnreadableFile(`cannot read ${file}: there is no such file`);
		if (code === 'EISDIR') throw new UnreadableFile(`cannot read ${file}: it is a folder`);
		throw new UnreadableFile(`cannot read ${file}: ${(err as Error).message}`);
	}
}

/** The file beside a .shp with another extension, whatever the case of its name (Ward.DBF). */
async function companion(shp: string, extension: string): Promise<string | undefined> {
	const dir = path.dirname(shp);
	const stem = path.basename(shp, path.extname(shp)).toLowerCase();
	const entries = await fs.readdir(dir);
	const found = entries.find((entry) => entry.toLowerCase() === `${stem}.${extension}`);
	return found === undefined ? undefined : path.join(dir, found);
}

/** The .cpg names the .dbf text encoding; without one, shapefiles are conventionally Windows-1252. */
function encodingFromCpg(cpg: string | undefined): string {
	const label = (cpg ?? '').trim().toLowerCase();
	if (!label) return 'windows-1252';
	if (/^(utf-?8|65001)$/.test(label)) return 'utf-8';
	if (/^(ansi\s*)?1252$/.test(label)) return 'windows-1252';
	if (/^(iso[-_ ]?)?8859[-_ ]?1$/.test(label)) return 'iso-8859-1';
	return label;
}

async function readShapefile(shp: string): Promise<SourceFile> {
	const name = path.basename(shp);
	const dbf = await companion(shp, 'dbf');
	if (!dbf) throw new UnreadableFile(`${name} has no .dbf beside it: a shapefile's attributes live there; copy all its files together`);
	const prj = await companion(shp, 'prj');
	const cpg = await companion(shp, 'cpg');
	const encoding = encodingFromCpg(cpg ? await fs.readFile(cpg, 'utf8') : undefined);
	try {
		new TextDecoder(encoding);
	} catch {
		throw new UnreadableFile(`${name}: the .cpg names the text encoding "${encoding}", which cannot be read here`);
	}
	const [shpBytes, dbfBytes] = await Promise.all([fs.readFile(shp), fs.readFile(dbf)]);
	const source = await shapefile.open(toArrayBuffer(shpBytes), toArrayBuffer(dbfBytes), { encoding });
	const records: SourceRecord[] = [];
	const fields = new Set<string>();
	for (let result = await source.read(); !result.done; result = await source.read()) {
		const attributes = { ...(result.value.properties ?? {}) };
		for (const key of Object.keys(attributes)) fields.add(key);
		records.push({ number: records.length + 1, attributes, geometry: result.value.geometry });
	}
	return {
		name,
		format: 'shapefile',
		fields: [...fields],
		declaredCrs: prj ? crsFromPrj(await fs.readFile(prj, 'utf8')) : undefined,
		records
	};
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
