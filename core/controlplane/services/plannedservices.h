#pragma once

// The services the next issues add, each with its own repositories, timers
// and events, built and wired by ControlPlane like HealthService. Declared
// here so each has an obvious home; none is implemented yet, and nothing
// refers to them until it is.
namespace waddle::cp {

// Failover and fail-back (SPEC §9): a persisted job per region outage that
// moves waddles to their backup region and back, step by step, resumable.
class FailoverService;
// Operator-driven moves of waddles between regions, as persisted jobs.
class MigrationService;
// The placement optimiser loop (domain::placement optimiser) on a timer.
class OptimiserService;
// Usage analytics: hourly rollups, custom metrics, forecasts (SPEC §11).
class AnalyticsService;
// Alert rule evaluation and delivery (e-mail, webhooks) of alerts.
class AlertDeliveryService;
// Export jobs (CSV/JSON of usage and health) on a worker thread.
class ExportService;

} // namespace waddle::cp
