#include "stunresponder.h"

#include <QNetworkDatagram>
#include <QPointer>
#include <QUdpSocket>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace waddle::sim {

namespace {

constexpr quint32 kMagicCookie = 0x2112A442;
constexpr qsizetype kHeaderSize = 20;
constexpr quint16 kBindingRequest = 0x0001;
constexpr quint16 kBindingSuccessResponse = 0x0101;
constexpr quint16 kXorMappedAddress = 0x0020;
constexpr quint16 kSoftware = 0x8022;
// A request larger than this is not a binding probe: ignored.
constexpr qsizetype kMaxRequestSize = 1024;
const QByteArray kSoftwareName = QByteArrayLiteral("waddle demo fleet");

// A Binding Request: the header checks of RFC 5389 §7.3 (first two bits 0,
// length a multiple of 4 that matches the datagram, magic cookie) and the
// Binding method in the Request class. Attributes are not needed to answer.
bool isBindingRequest(const QByteArray &d)
{
    if (d.size() < kHeaderSize || d.size() > kMaxRequestSize)
        return false;
    const auto *p = reinterpret_cast<const uchar *>(d.constData());
    const quint16 length = qFromBigEndian<quint16>(p + 2);
    return qFromBigEndian<quint16>(p) == kBindingRequest && length % 4 == 0 &&
           kHeaderSize + length == d.size() && qFromBigEndian<quint32>(p + 4) == kMagicCookie;
}

void append16(QByteArray &out, quint16 value)
{
    out.append(static_cast<char>(value >> 8));
    out.append(static_cast<char>(value & 0xFF));
}

// Binding Success Response: XOR-MAPPED-ADDRESS of the sender (RFC 5389
// §15.2: port XOR the cookie's top half, address XOR cookie + transaction
// id), then SOFTWARE.
QByteArray successResponse(const QByteArray &request, const QHostAddress &sender, quint16 port)
{
    QByteArray attributes;
    const QByteArray cookieAndId = request.mid(4, 16);
    append16(attributes, kXorMappedAddress);
    QByteArray address;
    bool v4 = false;
    const quint32 ip4 = sender.toIPv4Address(&v4);
    if (v4) {
        address.resize(4);
        qToBigEndian(ip4, reinterpret_cast<uchar *>(address.data()));
    } else {
        const Q_IPV6ADDR ip6 = sender.toIPv6Address();
        address = QByteArray(reinterpret_cast<const char *>(ip6.c), 16);
    }
    for (qsizetype i = 0; i < address.size(); ++i)
        address[i] = static_cast<char>(address.at(i) ^ cookieAndId.at(i));
    append16(attributes, static_cast<quint16>(4 + address.size()));
    append16(attributes, v4 ? 0x0001 : 0x0002);
    append16(attributes, port ^ static_cast<quint16>(kMagicCookie >> 16));
    attributes += address;

    append16(attributes, kSoftware);
    append16(attributes, static_cast<quint16>(kSoftwareName.size()));
    attributes += kSoftwareName;
    while (attributes.size() % 4 != 0)
        attributes.append('\0');

    QByteArray out;
    out.reserve(kHeaderSize + attributes.size());
    append16(out, kBindingSuccessResponse);
    append16(out, static_cast<quint16>(attributes.size()));
    out += cookieAndId;
    out += attributes;
    return out;
}

} // namespace

StunResponder::StunResponder(QObject *parent)
    : QObject(parent)
    , m_socket(new QUdpSocket(this))
{
    connect(m_socket, &QUdpSocket::readyRead, this, &StunResponder::onReadyRead);
}

StunResponder::~StunResponder() = default;

void StunResponder::setScheduler(Scheduler scheduler)
{
    m_scheduler = std::move(scheduler);
}

bool StunResponder::start(const QHostAddress &address, quint16 port)
{
    if (isListening())
        return true;
    if (!m_socket->bind(address, port)) {
        m_error = u"STUN: cannot bind %1:%2: %3"_s.arg(address.toString(), QString::number(port),
                                                       m_socket->errorString());
        qWarning("%s", qUtf8Printable(m_error));
        return false;
    }
    m_error.clear();
    return true;
}

void StunResponder::stop()
{
    ++m_epoch;
    m_socket->close();
}

bool StunResponder::isListening() const
{
    return m_socket->state() == QAbstractSocket::BoundState;
}

quint16 StunResponder::port() const
{
    return m_socket->localPort();
}

QString StunResponder::errorString() const
{
    return m_error;
}

qint64 StunResponder::requestsReceived() const
{
    return m_requests;
}

qint64 StunResponder::answersSent() const
{
    return m_answers;
}

qint64 StunResponder::datagramsIgnored() const
{
    return m_ignored;
}

void StunResponder::onReadyRead()
{
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram(kMaxRequestSize + 1);
        const QByteArray data = datagram.data();
        if (!datagram.isValid() || !isBindingRequest(data)) {
            ++m_ignored;
            continue;
        }
        ++m_requests;
        const QHostAddress sender = datagram.senderAddress();
        const auto senderPort = static_cast<quint16>(datagram.senderPort());
        auto send = [guard = QPointer<StunResponder>(this), epoch = m_epoch,
                     reply = successResponse(data, sender, senderPort), sender, senderPort] {
            if (!guard || guard->m_epoch != epoch || !guard->isListening())
                return;
            if (guard->m_socket->writeDatagram(reply, sender, senderPort) == reply.size())
                ++guard->m_answers;
        };
        if (m_scheduler)
            m_scheduler(std::move(send));
        else
            send();
    }
}

} // namespace waddle::sim
