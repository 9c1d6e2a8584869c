/** How the outreach pages write lengths and times: whole minutes, kilometres to one decimal. */
export const minutes = (value: number) => `${Math.round(value)} min`;
export const kilometres = (metres: number) => (metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`);
