#pragma once

#include <QHostAddress>
#include <QObject>

#include <functional>

class QUdpSocket;

namespace waddle::sim {

// A STUN binding responder (RFC 5389) on a UDP port: what a region's media
// server offers for voice-grade RTT and loss (SPEC §2 item 3, §4 STUN mode).
// Answers each Binding Request with a Binding Success Response carrying the
// sender's address as XOR-MAPPED-ADDRESS; anything else (other methods,
// indications, responses, RFC 3489 messages without the magic cookie,
// malformed datagrams) gets no answer.
//
// When an answer leaves is the scheduler's call: the region agent holds each
// back by the same modelled delay, jitter, loss and faults as its /ping. The
// STUN codec here is written apart from the client's on purpose, so each
// side tests the other.
class StunResponder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StunResponder)

public:
    // Called once for every valid Binding Request with a function that sends
    // its answer: call it at once, later (a delay) or never (a loss).
    using Scheduler = std::function<void(std::function<void()> send)>;

    explicit StunResponder(QObject *parent = nullptr);
    ~StunResponder() override;

    // Without a scheduler every request is answered at once.
    void setScheduler(Scheduler scheduler);

    // Binds address:port (0 picks a free port). False with errorString()
    // when the port cannot be bound. Starting twice is a no-op.
    bool start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // Closes the socket; answers still scheduled are dropped.
    void stop();

    [[nodiscard]] bool isListening() const;
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QString errorString() const;

    // Counters, for tests and logs.
    [[nodiscard]] qint64 requestsReceived() const; // valid Binding Requests
    [[nodiscard]] qint64 answersSent() const;
    [[nodiscard]] qint64 datagramsIgnored() const; // anything else

private:
    void onReadyRead();

    QUdpSocket *m_socket = nullptr;
    Scheduler m_scheduler;
    QString m_error;
    quint64 m_epoch = 0; // bumped by stop(): answers of an earlier epoch are dropped
    qint64 m_requests = 0;
    qint64 m_answers = 0;
    qint64 m_ignored = 0;
};

} // namespace waddle::sim
