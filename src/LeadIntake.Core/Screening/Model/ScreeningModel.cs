using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening.Model;

/// <summary>
/// The learned text model: multinomial logistic regression over hashed features (<see cref="ModelFeatures"/>), one
/// weight per bucket and class. Shipped inside the assembly (Screening/Model/screening-model.bin, written by the
/// benchmarks' <c>train</c> verb) and loaded once; about 5 MB in memory for 2^18 buckets × 5 classes.
/// File: "LIMODEL1", header length (int32 LE), JSON header, payload length (int32 LE), deflated payload.
/// </summary>
public sealed class ScreeningModel
{
    public const int ClassCount = 5;
    private const string ResourceName = "LeadIntake.Core.Screening.Model.screening-model.bin";
    private static readonly byte[] Magic = "LIMODEL1"u8.ToArray();
    private static readonly Lazy<ScreeningModel?> Embedded = new(LoadEmbedded);

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly float[] _weights;
    private readonly float[] _bias;

    internal ScreeningModel(ModelHeader header, float[] bias, float[] weights)
    {
        if (bias.Length != ClassCount || weights.Length != header.Features.Buckets * ClassCount)
        {
            throw new FormatException("The model's weights don't match its header (classes × buckets).");
        }
        Header = header;
        _bias = bias;
        _weights = weights;
        FunctionWords = new FunctionWords(header.FrenchFunctionWords, header.EnglishFunctionWords);
    }

    /// <summary>The model shipped with LeadIntake, or null when the assembly was built without one (rules only).</summary>
    public static ScreeningModel? Default => Embedded.Value;

    public ModelHeader Header { get; }
    public string Version => Header.Version;
    internal FunctionWords FunctionWords { get; }
    internal ModelFeatureConfig Features => Header.Features;

    /// <summary>Bytes held by the weights (the bulk of the model's memory).</summary>
    public long WeightBytes => (_weights.Length + _bias.Length) * sizeof(float);

    internal void Extract(in ModelInput input, FeatureVector into) => ModelFeatures.Extract(input, Header.Features, FunctionWords, into);

    /// <summary>Class probabilities in <see cref="LeadIntent"/> order.</summary>
    internal void Predict(FeatureVector features, Span<double> probabilities)
    {
        Span<double> logits = stackalloc double[ClassCount];
        for (int c = 0; c < ClassCount; c++) logits[c] = _bias[c];
        var indices = features.Indices;
        var values = features.Values;
        var weights = _weights.AsSpan();
        for (int i = 0; i < indices.Length; i++)
        {
            var row = weights.Slice(indices[i] * ClassCount, ClassCount);
            double v = values[i];
            logits[0] += v * row[0];
            logits[1] += v * row[1];
            logits[2] += v * row[2];
            logits[3] += v * row[3];
            logits[4] += v * row[4];
        }
        Softmax(logits, probabilities);
    }

    internal static void Softmax(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        double max = double.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double sum = 0;
        for (int c = 0; c < logits.Length; c++)
        {
            probabilities[c] = Math.Exp(logits[c] - max);
            sum += probabilities[c];
        }
        for (int c = 0; c < logits.Length; c++) probabilities[c] /= sum;
    }

    /// <summary>
    /// The features that pushed most towards <paramref name="intent"/>: per bucket, value × (the class's weight − the mean
    /// weight over classes), largest first, named by <see cref="ModelFeatures.Describe"/>.
    /// </summary>
    internal IReadOnlyList<string> Explain(in ModelInput input, FeatureVector features, LeadIntent intent, int top)
    {
        // Top candidates by contribution, kept in a small sorted array (no dictionary: this runs for every lead).
        int capacity = Math.Max(1, top * 3);
        Span<int> bestIndex = stackalloc int[capacity];
        Span<double> bestValue = stackalloc double[capacity];
        int count = 0;
        var indices = features.Indices;
        var values = features.Values;
        int c = (int)intent;
        for (int i = 0; i < indices.Length; i++)
        {
            var row = _weights.AsSpan(indices[i] * ClassCount, ClassCount);
            double mean = (row[0] + row[1] + row[2] + row[3] + row[4]) / ClassCount;
            double contribution = values[i] * (row[c] - mean);
            if (contribution <= 0) continue;
            int existing = bestIndex[..count].IndexOf(indices[i]);
            if (existing >= 0)
            {
                // A repeated word: its occurrences add up.
                contribution += bestValue[existing];
                bestIndex.Slice(existing + 1, count - existing - 1).CopyTo(bestIndex[existing..]);
                bestValue.Slice(existing + 1, count - existing - 1).CopyTo(bestValue[existing..]);
                count--;
            }
            else if (count == capacity && contribution <= bestValue[count - 1]) continue;
            int at = count < capacity ? count : capacity - 1;
            while (at > 0 && bestValue[at - 1] < contribution)
            {
                if (at < capacity)
                {
                    bestValue[at] = bestValue[at - 1];
                    bestIndex[at] = bestIndex[at - 1];
                }
                at--;
            }
            bestValue[at] = contribution;
            bestIndex[at] = indices[i];
            if (count < capacity) count++;
        }
        if (count == 0) return [];
        // Words and n-grams first (what a reader can check in the text); a dense fact (length, function-word share)
        // only when it weighed most. Names are built for these few features only, from where each came from.
        var text = new List<string>(top + 1);
        string? dense = null;
        for (int i = 0; i < count && text.Count < top; i++)
        {
            int position = indices.IndexOf(bestIndex[i]);
            if (!ModelFeatures.IsDense(features, position)) text.Add(ModelFeatures.Describe(input, features, position));
            else if (i == 0) dense = ModelFeatures.Describe(input, features, position);
        }
        if (dense is not null) text.Add(dense);
        return text;
    }

    /// <summary>The payload whose SHA-256 the header records: biases (float32) then weights (float16), little-endian.</summary>
    internal static byte[] Payload(ReadOnlySpan<float> bias, ReadOnlySpan<float> weights)
    {
        var bytes = new byte[bias.Length * 4 + weights.Length * 2];
        for (int i = 0; i < bias.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), bias[i]);
        int offset = bias.Length * 4;
        for (int i = 0; i < weights.Length; i++) BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(offset + i * 2), (Half)weights[i]);
        return bytes;
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Writes a model file; the header must already carry the payload's SHA-256.</summary>
    internal static byte[] Write(ModelHeader header, byte[] payload)
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(payload);
        var json = JsonSerializer.SerializeToUtf8Bytes(header, JsonOptions);
        using var file = new MemoryStream();
        file.Write(Magic);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, json.Length);
        file.Write(length);
        file.Write(json);
        BinaryPrimitives.WriteInt32LittleEndian(length, (int)compressed.Length);
        file.Write(length);
        file.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        return file.ToArray();
    }

    /// <summary>Reads a model file; throws <see cref="FormatException"/> when it is not one.</summary>
    public static ScreeningModel Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.Length < 16 || !bytes[..8].SequenceEqual(Magic)) throw new FormatException("Not a LeadIntake screening model (bad magic).");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        var header = JsonSerializer.Deserialize<ModelHeader>(bytes.Slice(12, headerLength), JsonOptions)
            ?? throw new FormatException("The model header is empty.");
        int payloadAt = 12 + headerLength;
        int compressedLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[payloadAt..]);
        using var deflate = new DeflateStream(new MemoryStream(bytes.Slice(payloadAt + 4, compressedLength).ToArray()), CompressionMode.Decompress);
        using var payloadStream = new MemoryStream();
        deflate.CopyTo(payloadStream);
        var payload = payloadStream.ToArray();
        if (Sha256(payload) != header.WeightsSha256) throw new FormatException("The model's weights don't match the SHA-256 in its header.");
        int buckets = header.Features.Buckets;
        if (payload.Length != ClassCount * 4 + buckets * ClassCount * 2) throw new FormatException("The model's payload has the wrong length.");
        var bias = new float[ClassCount];
        for (int i = 0; i < ClassCount; i++) bias[i] = BinaryPrimitives.ReadSingleLittleEndian(payload.AsSpan(i * 4));
        var weights = new float[buckets * ClassCount];
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(payload.AsSpan(ClassCount * 4 + i * 2));
        return new ScreeningModel(header, bias, weights);
    }

    /// <summary>A model from trained weights, rounded to what the file stores so it predicts exactly as the file will.</summary>
    internal static (ScreeningModel Model, byte[] Payload) FromTrained(Func<string, ModelHeader> headerForSha, float[] bias, float[] weights)
    {
        var payload = Payload(bias, weights);
        var header = headerForSha(Sha256(payload));
        var rounded = new float[weights.Length];
        for (int i = 0; i < weights.Length; i++) rounded[i] = (float)(Half)weights[i];
        return (new ScreeningModel(header, (float[])bias.Clone(), rounded), payload);
    }

    private static ScreeningModel? LoadEmbedded()
    {
        using var stream = typeof(ScreeningModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Read(stream);
    }
}
