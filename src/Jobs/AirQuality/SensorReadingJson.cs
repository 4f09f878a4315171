using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Jobs.AirQuality;

/// <summary>
/// A reading's JSON, generated at build time: the same text as the reflection-based serializer with the web defaults
/// writes, without its per-type start-up work (nine thousand readings go through it three times per run).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SensorReading))]
internal sealed partial class SensorReadingJson : JsonSerializerContext;
