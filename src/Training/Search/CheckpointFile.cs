using PoNasOrleans.Training.Controller;

namespace PoNasOrleans.Training.Search;

/// <summary>The controller checkpoint on disk, replaced atomically so that a crash never leaves half a checkpoint.</summary>
public static class CheckpointFile
{
    /// <summary>Writes the controller's state to <paramref name="path"/> (through a temporary file and a rename).</summary>
    public static void Save(string path, ArchitectureController controller)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            controller.Save(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a controller; the message names the file when it is missing or damaged.</summary>
    public static ArchitectureController Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no checkpoint to resume from", path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            return ArchitectureController.Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
