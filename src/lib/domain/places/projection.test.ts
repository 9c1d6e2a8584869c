import { describe, expect, it } from 'vitest';
import { chooseProjectedSrid, isInGreatBritain, utmSrid } from './projection';

describe('the projected CRS of a place', () => {
	it('is British National Grid for a place in Great Britain', () => {
		// Greater Icknield, and a box around Norwich
		expect(chooseProjectedSrid([-1.95, 52.49], [-1.98, 52.47, -1.92, 52.51]).srid).toBe(27700);
		expect(chooseProjectedSrid([1.29, 52.63], [1.2, 52.58, 1.35, 52.68]).srid).toBe(27700);
	});

	it('is a UTM zone outside Great Britain, Belfast and Dublin included', () => {
		expect(isInGreatBritain(-5.93, 54.6)).toBe(false);
		expect(chooseProjectedSrid([-5.93, 54.6], [-6, 54.55, -5.85, 54.65]).srid).toBe(32630);
		expect(chooseProjectedSrid([-6.26, 53.35], [-6.3, 53.3, -6.2, 53.4]).srid).toBe(32629);
		// Lyon (zone 31N), Cape Town (34S), Auckland (60S)
		expect(utmSrid(4.83, 45.76)).toBe(32631);
		expect(utmSrid(18.42, -33.92)).toBe(32734);
		expect(utmSrid(174.76, -36.85)).toBe(32760);
		expect(utmSrid(180, 10)).toBe(32660);
		expect(utmSrid(-180, 10)).toBe(32601);
	});

	it('says why it chose', () => {
		expect(chooseProjectedSrid([4.83, 45.76], [4.8, 45.7, 4.9, 45.8]).reason).toContain('UTM zone 31N');
		expect(chooseProjectedSrid([-1.95, 52.49], [-1.98, 52.47, -1.92, 52.51]).reason).toContain('Great Britain');
	});
});
