#pragma once

#include "regionprobe.h"

class QAbstractSocket;

namespace waddle::client {

// TCP mode (SPEC §4): each sample is a fresh connect to ping_url's host and
// port; the warm-up resolves the name, so DNS is not timed.
class TcpProbe final : public RegionProbe
{
    Q_DISABLE_COPY_MOVE(TcpProbe)

public:
    TcpProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
             QObject *parent);
    ~TcpProbe() override;

protected:
    void warmUp() override;
    void sendSample() override { connectOnce(); }
    void sampleTimedOut() override;
    void closeAll() override;

private:
    void connectOnce();

    QString m_host;
    quint16 m_port = 0;
    QAbstractSocket *m_socket = nullptr;
    qint64 m_startNs = 0;
};

} // namespace waddle::client
