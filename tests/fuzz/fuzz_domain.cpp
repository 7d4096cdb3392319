// libFuzzer target for every decoder in core/domain (issue 16): the JSON
// codecs, the catalogue, the city table and the map file. An input is
// "<decoder>\n<document>"; an unknown name picks a decoder by hash, so the
// fuzzer reaches all of them from any input.
//
// Oracle besides the sanitizers: whatever a JSON decoder accepts must survive
// its own encoder — decode(encode(v)) succeeds and equals v — so the wire
// format cannot drift between the two directions.
#include "domain/analytics/alert.h"
#include "domain/analytics/custommetric.h"
#include "domain/analytics/forecast.h"
#include "domain/analytics/hourlyusage.h"
#include "domain/analytics/metricpoint.h"
#include "domain/analytics/silence.h"
#include "domain/analytics/usageevent.h"
#include "domain/catalogue.h"
#include "domain/citytable.h"
#include "domain/faultrequest.h"
#include "domain/faultstate.h"
#include "domain/health.h"
#include "domain/latency.h"
#include "domain/member.h"
#include "domain/placement/failoverjob.h"
#include "domain/placement/migration.h"
#include "domain/placement/nearest.h"
#include "domain/placement/nearestanswer.h"
#include "domain/placement/recommendation.h"
#include "domain/placement/recommendationanswer.h"
#include "domain/region.h"
#include "domain/regionalert.h"
#include "domain/regionhealthdetail.h"
#include "domain/regionstats.h"
#include "domain/waddle.h"
#include "domain/worldmap.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <utility>
#include <vector>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

using Check = std::function<void(const QByteArray &)>;

[[noreturn]] void fail(const char *decoder, const char *what)
{
    std::fprintf(stderr, "fuzz_domain: %s: %s\n", decoder, what);
    std::abort();
}

QJsonValue parseJson(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QJsonValue(QString::fromUtf8(bytes)); // still a value to refuse
}

// WADDLE_FUZZ_VERBOSE=1 says what each input decoded to: for keeping the
// seed corpus valid (tests/fuzz/README.md).
bool verbose()
{
    static const bool on = qEnvironmentVariableIsSet("WADDLE_FUZZ_VERBOSE");
    return on;
}

template <typename T>
Check roundTrip(const char *name, Result<T> (*decode)(const QJsonValue &, const QString &))
{
    return [name, decode](const QByteArray &bytes) {
        const Result<T> first = decode(parseJson(bytes), QString());
        if (verbose()) {
            std::fprintf(stderr, "%s: %s\n", name,
                         first.ok()
                             ? "decoded"
                             : qPrintable(first.error().field + u": "_s + first.error().message));
        }
        if (!first.ok()) {
            if (first.error().message.isEmpty())
                fail(name, "an error without a message");
            return;
        }
        const QJsonValue encoded(toJson(first.value()));
        const Result<T> again = decode(encoded, QString());
        if (!again.ok())
            fail(name, "its own encoding is refused");
        if (!(again.value() == first.value()))
            fail(name, "decode(encode(v)) differs from v");
    };
}

template <typename T>
Check bytes(const char *name, Result<T> (*parse)(const QByteArray &))
{
    return [name, parse](const QByteArray &data) {
        const Result<T> r = parse(data);
        if (verbose()) {
            std::fprintf(stderr, "%s: %s\n", name,
                         r.ok() ? "decoded" : qPrintable(r.error().message));
        }
        if (!r.ok() && r.error().message.isEmpty())
            fail(name, "an error without a message");
    };
}

const std::vector<std::pair<QByteArray, Check>> &decoders()
{
    static const std::vector<std::pair<QByteArray, Check>> table{
        {"waddle", roundTrip("waddle", waddleFromJson)},
        {"voice_region_update", roundTrip("voice_region_update", voiceRegionUpdateFromJson)},
        {"member", roundTrip("member", memberFromJson)},
        {"region", roundTrip("region", regionFromJson)},
        {"region_health", roundTrip("region_health", regionHealthFromJson)},
        {"latency_sample", roundTrip("latency_sample", latencySampleFromJson)},
        {"latency_stats", roundTrip("latency_stats", latencyStatsFromJson)},
        {"nearest_request", roundTrip("nearest_request", nearestRequestFromJson)},
        {"nearest_candidate", roundTrip("nearest_candidate", nearestCandidateFromJson)},
        {"region_score", roundTrip("region_score", regionScoreFromJson)},
        {"recommendation", roundTrip("recommendation", recommendationFromJson)},
        {"failover_job", roundTrip("failover_job", failoverJobFromJson)},
        {"migration", roundTrip("migration", migrationFromJson)},
        {"metric_point", roundTrip("metric_point", metricPointFromJson)},
        {"forecast", roundTrip("forecast", forecastFromJson)},
        {"metric_filter", roundTrip("metric_filter", metricFilterFromJson)},
        {"custom_metric", roundTrip("custom_metric", customMetricFromJson)},
        {"alert", roundTrip("alert", alertFromJson)},
        {"alert_trigger", roundTrip("alert_trigger", alertTriggerFromJson)},
        {"silence", roundTrip("silence", silenceFromJson)},
        {"usage_event", roundTrip("usage_event", usageEventFromJson)},
        {"hourly_usage", roundTrip("hourly_usage", hourlyUsageFromJson)},
        {"region_alert", roundTrip("region_alert", regionAlertFromJson)},
        {"region_health_detail", roundTrip("region_health_detail", regionHealthDetailFromJson)},
        {"region_stats", roundTrip("region_stats", regionStatsFromJson)},
        {"fault_request", roundTrip("fault_request", faultRequestFromJson)},
        {"fault_state", roundTrip("fault_state", faultStateFromJson)},
        {"nearest_answer", roundTrip("nearest_answer", nearestAnswerFromJson)},
        {"recommendation_answer", roundTrip("recommendation_answer", recommendationAnswerFromJson)},
        {"catalogue", bytes("catalogue", parseCatalogue)},
        {"cities", bytes("cities", parseCityTable)},
        {"worldmap", bytes("worldmap", parseWorldMap)},
    };
    return table;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray name = newline < 0 ? QByteArray() : input.left(newline);
    const QByteArray body = newline < 0 ? input : input.mid(newline + 1);
    const auto &table = decoders();
    for (const auto &[decoderName, check] : table) {
        if (decoderName == name) {
            check(body);
            return 0;
        }
    }
    table.at(std::size_t(qHash(name, 0)) % table.size()).second(body);
    return 0;
}
