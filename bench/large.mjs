// The benchmark's synthetic programs, shared by bench/run.mjs and the e2e quota test:
// deterministic, so every run and every machine measures the same bytes.
//
// largeFile(500) is the 500-partner program of the earlier results (10 key players
// each); largeFile(2000, 5) is issue 11's 2,000-partner program: 10,000 key players,
// 8,000 meetings, 4,000 goals, 8,000 commitments, 4,000 landing tracks, 288,000 metric
// values and 200 levers.

/** A valid Tandem file with `n` partners of `keyPlayers` key players each over 12 markets, each
 * with 4 meetings, 2 goals, 4 commitments, 2 landing tracks and 3 metrics over 2
 * markets for 24 months, and a program target with a lever per tenth partner. */
export function largeFile(n, keyPlayers = 10) {
  const stages = ["research", "pitching", "negotiating", "signed", "landing", "live", "paused", "walked_away"];
  const categories = ["platform", "distribution", "technology_integration", "co_marketing", "reseller_agency", "device_telco_bundle", "content", "other"];
  const positions = ["incumbent", "challenger", "disruptor", "niche"];
  const ladders = ["self_serve", "integration", "strategic", "exclusive"];
  const roles = ["decision_maker", "influencer", "champion", "gatekeeper", "on_the_ground"];
  const stances = ["champion", "supportive", "neutral", "skeptical", "blocker"];
  const scales = ["strongly_negative", "negative", "neutral", "positive", "strongly_positive"];
  const t = "2026-01-01T00:00:00Z";
  const markets = Array.from({ length: 12 }, (_, i) => ({ id: `m${i}`, created: t, updated: t, name: `Market ${i}` }));
  const partners = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`, created: t, updated: t, name: `Partner ${String(i).padStart(3, "0")}`,
    website: `https://partner${i}.example`, category: categories[i % 8], position: positions[i % 4],
    markets: [`m${i % 12}`, `m${(i + 5) % 12}`], stage: stages[i % 8], ladder: ladders[i % 4],
    owner: `Owner ${i % 7}`, tags: ["bench", `t${i % 10}`], notes: "Synthetic partner for the benchmark. ".repeat(3),
    key_players: Array.from({ length: keyPlayers }, (_, k) => ({
      id: `p${i}k${k}`, created: t, updated: t, name: `Person ${i}-${k}`, title: "Head of something",
      role: roles[k % 5], influence: 1 + (k % 5), stance: stances[(i + k) % 5], notes: "Met twice.",
    })),
    meetings: Array.from({ length: 4 }, (_, m) => ({
      id: `p${i}mt${m}`, date: `2026-0${m + 3}-10`, ours: ["Owner"], presented: "Quarterly review.",
      attendees: Array.from({ length: 3 }, (_, k) => ({
        player: `p${i}k${k}`, body_language: scales[(i + k + m) % 5], tone: scales[(i + m) % 5], reaction: scales[(k + m) % 5],
      })),
      room: scales[(i + m) % 5], next_steps: [{ what: "Send the figures", due: `2026-0${m + 3}-20`, done: m < 3 }],
    })),
    goals: [0, 1].map((g) => ({ id: `p${i}g${g}`, statement: "Grow together", metric: "users", target: 50000, due: "2027-06-30", status: "on_track" })),
    commitments: Array.from({ length: 4 }, (_, c) => ({
      id: `p${i}c${c}`, side: c % 2 ? "us" : "partner", what: "A deliverable", due: `2026-0${c + 4}-01`,
      status: c === 3 ? "late" : "delivered", ...(c === 3 ? {} : { delivered: `2026-0${c + 3}-28` }),
    })),
    landing: [0, 1].map((l) => ({ id: `p${i}l${l}`, market: `m${(i + 5 * l) % 12}`,
      enabled: { planned: "2026-02-01", done: "2026-02-03", owner: "Owner" }, launched: { planned: "2026-05-01" } })),
    metrics: [0, 1].flatMap((mk) => ["users", "revenue", "sign-ups"].map((metric) => ({
      market: `m${(i + 5 * mk) % 12}`, metric,
      values: Object.fromEntries(Array.from({ length: 24 }, (_, k) => [`${2025 + Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, "0")}`, 1000 + i + k * 37 * (mk + 1)])),
    }))),
  }));
  // A lever per tenth partner, up to the 200 levers of issue 11's program (the model
  // allows 500: MAX_LEVERS).
  const levers = Math.min(n / 10, 200);
  const program = { updated: t, metric: "users", baseline_start: "2025-01", baseline: 5000000, target_growth: 250,
    levers: Array.from({ length: levers }, (_, l) => ({ id: `lv${l}`, partner: `p${l * (n / levers)}`, expected: 20000, confidence: 50 })) };
  return { format: "tandem", version: 2, scope: "workspace", saved_at: t,
    workspace: { program_name: "Benchmark program", markets, partners, program } };
}
