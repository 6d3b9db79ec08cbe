using System.Globalization;
using CspBot.Core.Domain;
using CspBot.Core.Features.Police;

namespace CspBot.Core.Features.Demo;

/// <summary>
/// The demo partnership's police street files: Haringey's burglary, robbery and vehicle crime for the demo's quarter and
/// the same quarter a year earlier, its seven peer boroughs and the rest of London, in data.police.uk's format (the
/// Metropolitan Police's file and the City of London Police's, per month). The counts are synthetic, chosen so that the
/// figures counted from them are the demo's own (samples/demo/indicator-values.csv): Haringey's quarter totals exactly,
/// and London and the peers changing by the demo's percentages. samples/police holds the same files as written for the
/// authored quarter.
/// </summary>
public static class DemoPoliceData
{
    public const string Met = "Metropolitan Police Service";
    public const string City = "City of London Police";

    /// <summary>The Most Similar Group of samples/demo/police-sources.csv.</summary>
    public static readonly IReadOnlyList<string> Peers = ["Enfield", "Hackney", "Islington", "Lambeth", "Lewisham", "Southwark", "Waltham Forest"];

    /// <summary>Per crime type: Haringey's quarter now and a year before, and the London and MSG changes (percent), from the demo's figures.</summary>
    private static readonly (string Type, int Now, int Before, int LondonPct, int MsgPct)[] Figures =
    [
        ("Burglary", 455, 470, 4, 3),
        ("Robbery", 318, 296, 2, 1),
        ("Vehicle crime", 380, 455, -10, -7),
    ];

    /// <summary>London's quarter total a year before, per type; the peers' is 100 each.</summary>
    private const int LondonBefore = 5000;

    /// <summary>The six monthly files of <paramref name="period"/> and the same quarter a year earlier, per force: (file name, CSV text).</summary>
    public static IEnumerable<(string FileName, string Csv)> Files(ReportingPeriod period)
    {
        foreach (var (months, now) in new[] { (PoliceData.MonthsOf(period), true), (PoliceData.MonthsOf(period.SamePeriodLastYear), false) })
        {
            for (var m = 0; m < 3; m++)
            {
                var crimes = Figures.SelectMany(f => CrimesOf(f, now, m)).ToList();
                foreach (var force in new[] { Met, City })
                {
                    var mine = crimes.Where(c => (c.Authority == "City of London") == (force == City));
                    yield return (StreetFileWriter.FileName(months[m], force), StreetFileWriter.Text(months[m], force, mine, noLocation: force == Met ? 12 : 0, seed: (m * 7) + (now ? 1 : 2)));
                }
            }
        }
    }

    private static IEnumerable<StreetFileWriter.Crimes> CrimesOf((string Type, int Now, int Before, int LondonPct, int MsgPct) f, bool now, int month)
    {
        var haringey = now ? f.Now : f.Before;
        var peers = now ? (Peers.Count * 100) + (Peers.Count * f.MsgPct) : Peers.Count * 100;
        var london = now ? LondonBefore + (LondonBefore * f.LondonPct / 100) : LondonBefore;
        var rest = PoliceData.London.Where(b => b != "Haringey" && !Peers.Contains(b)).ToList();
        yield return new(("Haringey"), f.Type, Share(haringey, 3, month));
        for (var i = 0; i < Peers.Count; i++)
        {
            yield return new(Peers[i], f.Type, Share(Share(peers, Peers.Count, i), 3, month));
        }

        var others = london - haringey - peers;
        for (var i = 0; i < rest.Count; i++)
        {
            yield return new(rest[i], f.Type, Share(Share(others, rest.Count, i), 3, month));
        }
    }

    /// <summary>The <paramref name="index"/>th of <paramref name="parts"/> near-equal whole shares of <paramref name="total"/>.</summary>
    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

    /// <summary>For the demo's log: the months written.</summary>
    public static string Describe(ReportingPeriod period) =>
        string.Join(", ", PoliceData.MonthsOf(period).Concat(PoliceData.MonthsOf(period.SamePeriodLastYear)).Order(StringComparer.Ordinal).Select(m => m.ToString(CultureInfo.InvariantCulture)));
}
