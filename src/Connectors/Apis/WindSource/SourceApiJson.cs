using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Connectors.Apis.WindSource;

/// <summary>
/// The source API's JSON, described at compile time: a day's answer is read without building the type's
/// metadata by reflection, which Refit's default serializer options did again for every extract.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<SourceApiRow>))]
internal sealed partial class SourceApiJson : JsonSerializerContext;
