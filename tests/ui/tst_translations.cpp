// The English catalogue (translations/waddle-regions_en.ts) against the
// sources: it carries the plural forms, so a tr() text with %n missing from
// it, or a plural message left without its two forms, shows "Every 1
// minute(s)" in the app. The catalogue is updated with the
// update_translations target (lupdate).

#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyPluralMessageHasBothForms();
    void everyPluralTextOfTheSourcesIsInTheCatalogue();

private:
    // Plural messages of the catalogue: source text → its forms ("" for an
    // unfinished translation).
    QHash<QString, QStringList> m_plurals;
};

void TestTranslations::initTestCase()
{
    QFile file(QStringLiteral(WADDLE_SOURCE_DIR "/translations/waddle-regions_en.ts"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    QXmlStreamReader xml(&file);
    bool plural = false;
    bool unfinished = false;
    QString source;
    QStringList forms;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"message") {
            plural = xml.attributes().value(QLatin1String("numerus")) == u"yes";
            unfinished = false;
            source.clear();
            forms.clear();
        } else if (xml.isStartElement() && xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.isStartElement() && xml.name() == u"translation") {
            unfinished = xml.attributes().value(QLatin1String("type")) == u"unfinished";
        } else if (xml.isStartElement() && xml.name() == u"numerusform") {
            forms.append(xml.readElementText());
        } else if (xml.isEndElement() && xml.name() == u"message" && plural) {
            m_plurals.insert(source, unfinished ? QStringList{QString()} : forms);
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(m_plurals.size() >= 20);
}

void TestTranslations::everyPluralMessageHasBothForms()
{
    for (auto it = m_plurals.cbegin(); it != m_plurals.cend(); ++it) {
        const QStringList &forms = it.value();
        QVERIFY2(forms.size() == 2, qPrintable(it.key()));
        for (const QString &form : forms)
            QVERIFY2(form.contains(u"%n") && !form.contains(u"(s)"), qPrintable(it.key()));
    }
}

void TestTranslations::everyPluralTextOfTheSourcesIsInTheCatalogue()
{
    // tr("… %n …") written on one line, as the sources write them.
    static const QRegularExpression pluralText(
        QStringLiteral(R"re(\btr\("((?:[^"\\]|\\.)*%n(?:[^"\\]|\\.)*)")re"));
    int found = 0;
    for (const char *folder : {"ui", "core/client", "app"}) {
        QDirIterator files(QStringLiteral(WADDLE_SOURCE_DIR "/") + QLatin1String(folder),
                           {u"*.cpp"_s, u"*.h"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            for (const auto &match : pluralText.globalMatch(text)) {
                const QString source = match.captured(1).replace(u"\\\""_s, u"\""_s);
                ++found;
                QVERIFY2(m_plurals.contains(source),
                         qPrintable(u"%1: \"%2\" is not in the catalogue (run the "
                                    "update_translations target)"_s.arg(file.fileName(), source)));
            }
        }
    }
    QVERIFY(found >= 20);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
