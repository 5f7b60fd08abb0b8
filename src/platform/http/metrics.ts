import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** Prometheus metrics: Node's defaults and request durations by route and status. */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: "lotsen_http_request_duration_seconds",
    help: "Time to answer an HTTP request",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? "not_found", status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  return registry;
}
