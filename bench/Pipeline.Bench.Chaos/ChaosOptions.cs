namespace Pipeline.Bench.Chaos;

/// <summary>`bench/chaos.sh [--rounds N] [--days D] [--seed S]`.</summary>
public sealed record ChaosOptions(int Rounds, int Days, int Seed, bool Embedded)
{
    public const string Usage = "usage: bench/chaos.sh [--rounds N (default 20)] [--days D (wind-etl days per round, default 10)] [--seed S] [--embedded]";

    public static ChaosOptions Parse(string[] args)
    {
        int rounds = 20, days = 10, seed = Environment.TickCount;
        var embedded = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--embedded")
            {
                embedded = true;
                continue;
            }
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : throw new ArgumentException($"{args[i]} needs a whole number.\n{Usage}");
            switch (args[i])
            {
                case "--rounds": rounds = value; break;
                case "--days": days = value; break;
                case "--seed": seed = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
            }
            i++;
        }
        if (rounds < 1 || days is < 4 or > 300) throw new ArgumentException($"--rounds must be at least 1 and --days between 4 and 300.\n{Usage}");
        return new ChaosOptions(rounds, days, seed, embedded);
    }
}
