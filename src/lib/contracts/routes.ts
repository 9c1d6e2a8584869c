/**
 * Outreach routes on the wire (issue 12): the plan that POST /api/routes/outreach returns, the
 * saved routes a researcher keeps, and the outcome of each visit. Types only.
 */
import type { LineString } from 'geojson';

export type RouteDistance = 'straight' | 'walk';

export interface RouteStopInput {
	/** The caller's id for the stop (a hub id, a cell id, …), unique within the request. */
	readonly id: string;
	readonly lon: number;
	readonly lat: number;
}

export interface OutreachPlanRequest {
	readonly place: string;
	readonly stops: readonly RouteStopInput[];
	/** Where the researcher sets off; without it the route begins at one of the stops. */
	readonly start?: { readonly lon: number; readonly lat: number };
	/** Come back to the start (or, without one, to the first stop). */
	readonly return: boolean;
	readonly distance: RouteDistance;
	/** The time the researcher has, in minutes (walking plus minutes at each stop); > 0. */
	readonly budgetMinutes?: number;
	/** Minutes spent at each stop; 0 when absent. */
	readonly minutesAtStop?: number;
}

export interface RouteArrival {
	readonly id: string;
	/** Minutes after setting off, walking at 80 m/min (4.8 km/h, TfL's PTAL). */
	readonly minute: number;
}

export interface OutreachPlanResponse {
	/** Stop ids in visiting order (those that fit the budget). */
	readonly order: string[];
	readonly distance_m: number;
	readonly duration_min: number;
	readonly arrivals: RouteArrival[];
	/**
	 * The walk in WGS84: along the network's streets when walking, straight lines otherwise; null
	 * when the route has fewer than two points (one stop and no start).
	 */
	readonly geometry: LineString | null;
	/** Stops that do not fit the budget, in the order the full route would have reached them. */
	readonly notFitting: string[];
	readonly distance: RouteDistance;
	/** How distances were measured: pgRouting or the TypeScript router on the network, or straight lines. */
	readonly engine: 'pgrouting' | 'typescript' | 'straight';
	/** 'exact' (Held–Karp, proven shortest) or 'local-search' (the best found). */
	readonly method: 'exact' | 'local-search';
	readonly metresPerMinute: number;
}

export type StopKind = 'hub' | 'point';

export interface SavedStop {
	readonly id: string;
	readonly label: string;
	readonly kind: StopKind;
	readonly lon: number;
	readonly lat: number;
	readonly address: string | null;
}

export interface VisitOutcome {
	readonly stopId: string;
	readonly visited: boolean;
	readonly peopleReached: number;
	readonly questionnaires: number;
	/** Free text by the researcher: only in the owner's (and administrators') responses. */
	readonly notes: string | null;
	readonly updatedAt: string;
}

export interface SavedRouteSummary {
	readonly id: string;
	readonly place: string;
	readonly name: string;
	readonly ownerId: string;
	readonly ownerName: string;
	readonly stopCount: number;
	readonly distance_m: number;
	readonly duration_min: number;
	readonly visited: number;
	readonly createdAt: string;
	readonly updatedAt: string;
}

export interface SavedRoute extends SavedRouteSummary {
	readonly stops: SavedStop[];
	readonly settings: {
		readonly start: { readonly lon: number; readonly lat: number } | null;
		readonly return: boolean;
		readonly distance: RouteDistance;
		readonly budgetMinutes: number | null;
		readonly minutesAtStop: number;
	};
	readonly plan: OutreachPlanResponse;
	readonly outcomes: VisitOutcome[];
}

export interface HubSuggestion {
	readonly id: string;
	readonly name: string;
	readonly hubType: string;
	readonly address: string | null;
	readonly lon: number;
	readonly lat: number;
	/** Straight-line metres from the chosen start, in the place's projected CRS. */
	readonly metres: number;
}
