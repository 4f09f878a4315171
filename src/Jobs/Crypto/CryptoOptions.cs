namespace Pipeline.Jobs.Crypto;

/// <summary>Settings of the crypto pipeline (section "Crypto").</summary>
public sealed class CryptoOptions
{
    public const string Section = "Crypto";

    /// <summary>How many snapshots of a coin, this one included, its moving average covers.</summary>
    public int MovingAverageWindow { get; set; } = 6;

    /// <summary>The currency CoinGecko prices the coins in.</summary>
    public string VsCurrency { get; set; } = "usd";

    /// <summary>How many coins (by market cap) each fetch asks for; CoinGecko allows up to 250.</summary>
    public int Coins { get; set; } = 100;

    public string Topic { get; set; } = "crypto_markets";

    public string ConsumerGroup { get; set; } = "crypto-processor";
}
