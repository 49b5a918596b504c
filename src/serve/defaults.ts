/** The first port `briefing serve` tries on 127.0.0.1 (a module of its own: `--help` shows it without loading the server). */
export const DEFAULT_PORT = 5840;
