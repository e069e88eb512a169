package dev.sio4ee.it.app.cdi;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Test application: stores an order with plain JDBC in the container transaction and fires {@link OrderPlaced}
 * in it; rolls the transaction back when asked to.
 */
@Stateless
public class Orders {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Resource
    SessionContext context;

    @Inject
    Event<OrderPlaced> placed;

    public String place(String socketId, String item, boolean rollback) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO sio4ee_orders (item) VALUES (?)")) {
            s.setString(1, item);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        placed.fire(new OrderPlaced(socketId, item));
        if (rollback) {
            context.setRollbackOnly();
            return "rolled back";
        }
        return "committed";
    }

    public List<String> items() {
        List<String> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT item FROM sio4ee_orders ORDER BY item");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                items.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return items;
    }
}
