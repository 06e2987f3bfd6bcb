/** How every service talks to its PostgreSQL database: defaults of the JDBC driver's connections. */
package org.museumevents.starter.database;
