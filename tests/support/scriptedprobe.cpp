#include "scriptedprobe.h"

namespace waddle::test {

void ScriptedProbe::probe(const domain::Region &region,
                          std::function<void(const cp::ProbeOutcome &)> done)
{
    ++calls;
    done(outcomes.value(region.code, healthy()));
}

cp::ProbeOutcome ScriptedProbe::healthy(double utilisation)
{
    return cp::ProbeOutcome{true,
                            200,
                            12.0,
                            QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")},
                                        {QStringLiteral("utilisation"), utilisation},
                                        {QStringLiteral("p99_ms"), 40.0},
                                        {QStringLiteral("error_rate"), 0.5}},
                            {}};
}

cp::ProbeOutcome ScriptedProbe::refused()
{
    return cp::ProbeOutcome{false, 0, 1.0, {}, QStringLiteral("Connection refused")};
}

} // namespace waddle::test
