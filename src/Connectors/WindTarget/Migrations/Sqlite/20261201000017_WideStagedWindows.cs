using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pipeline.Connectors.WindTarget.Migrations.Sqlite
{
    /// <summary>
    /// staged_windows from one row per value (timestamp, signal_id, value) to one row per window with a column per
    /// signal. Windows staged but not loaded yet are carried over, so a load after the upgrade still publishes them.
    /// </summary>
    public partial class WideStagedWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(name: "staged_windows", newName: "staged_windows_narrow");

            migrationBuilder.CreateTable(
                name: "staged_windows",
                columns: table => new
                {
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    wind_speed_mean = table.Column<double>(type: "REAL", nullable: true),
                    wind_speed_min = table.Column<double>(type: "REAL", nullable: true),
                    wind_speed_max = table.Column<double>(type: "REAL", nullable: true),
                    wind_speed_std = table.Column<double>(type: "REAL", nullable: true),
                    power_mean = table.Column<double>(type: "REAL", nullable: true),
                    power_min = table.Column<double>(type: "REAL", nullable: true),
                    power_max = table.Column<double>(type: "REAL", nullable: true),
                    power_std = table.Column<double>(type: "REAL", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staged_windows", x => x.timestamp);
                });

            migrationBuilder.Sql("INSERT INTO staged_windows (timestamp, wind_speed_mean, wind_speed_min, wind_speed_max, wind_speed_std, power_mean, power_min, power_max, power_std) SELECT timestamp, MAX(CASE WHEN signal_id = 1 THEN value END), MAX(CASE WHEN signal_id = 2 THEN value END), MAX(CASE WHEN signal_id = 3 THEN value END), MAX(CASE WHEN signal_id = 4 THEN value END), MAX(CASE WHEN signal_id = 5 THEN value END), MAX(CASE WHEN signal_id = 6 THEN value END), MAX(CASE WHEN signal_id = 7 THEN value END), MAX(CASE WHEN signal_id = 8 THEN value END) FROM staged_windows_narrow GROUP BY timestamp;");
            migrationBuilder.DropTable(name: "staged_windows_narrow");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(name: "staged_windows", newName: "staged_windows_wide");

            migrationBuilder.CreateTable(
                name: "staged_windows",
                columns: table => new
                {
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false),
                    signal_id = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<double>(type: "REAL", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staged_windows", x => new { x.timestamp, x.signal_id });
                });

            migrationBuilder.Sql("INSERT INTO staged_windows (timestamp, signal_id, value) SELECT timestamp, signal_id, value FROM (SELECT w.timestamp, s.id AS signal_id, CASE s.id WHEN 1 THEN w.wind_speed_mean WHEN 2 THEN w.wind_speed_min WHEN 3 THEN w.wind_speed_max WHEN 4 THEN w.wind_speed_std WHEN 5 THEN w.power_mean WHEN 6 THEN w.power_min WHEN 7 THEN w.power_max WHEN 8 THEN w.power_std END AS value FROM staged_windows_wide w CROSS JOIN signal s) AS v WHERE value IS NOT NULL;");
            migrationBuilder.DropTable(name: "staged_windows_wide");
        }
    }
}
